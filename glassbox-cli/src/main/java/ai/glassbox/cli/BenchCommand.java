package ai.glassbox.cli;

import ai.glassbox.engine.gguf.TensorInfo;
import ai.glassbox.engine.model.Model;
import ai.glassbox.engine.model.Session;
import ai.glassbox.engine.model.ModelConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        description = "Measure prompt processing (pp) and generation (tg) speed in llama-bench's style, peak memory, and the decode bandwidth bound.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "GGUF model file")
    Path model;

    @Option(names = {"-t", "--threads"}, description = "threads (default: all processors)")
    int threads;

    @Option(names = {"-p", "--n-prompt"}, description = "prompt tokens (default: ${DEFAULT-VALUE}; 0 skips pp)", defaultValue = "128")
    int promptTokens;

    @Option(names = {"-n", "--n-gen"}, description = "generated tokens (default: ${DEFAULT-VALUE}; 0 skips tg)", defaultValue = "64")
    int genTokens;

    @Option(names = {"-r", "--repetitions"}, description = "repetitions (default: ${DEFAULT-VALUE})", defaultValue = "5")
    int repetitions;

    @Option(names = {"-b", "--batch"}, description = "prompt batch size (default: ${DEFAULT-VALUE})", defaultValue = "128")
    int batch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (repetitions < 1) throw new IllegalArgumentException("--repetitions must be at least 1");
        PrintWriter out = spec.commandLine().getOut();
        int nThreads = threads > 0 ? threads : ModelDefaults.defaultThreads();
        try (Model m = Model.open(model, nThreads)) {
            ModelConfig c = m.config();
            long params = m.file().tensors().values().stream().mapToLong(TensorInfo::elementCount).sum();
            int ctx = Math.max(promptTokens, 1) + genTokens + 1;
            var random = new SplittableRandom(1234);
            int[] prompt = random.ints(Math.max(promptTokens, 1), 0, c.vocabSize()).toArray();
            out.printf("| model | size | params | threads | test | t/s |%n|---|---:|---:|---:|---|---:|%n");
            String name = model.getFileName().toString();
            String size = String.format("%.2f MiB", Files.size(model) / 1048576.0);
            String paramText = String.format("%.2f M", params / 1e6);
            // One session for every run, emptied before each: the measured loop allocates nothing.
            Session s = m.newSession(ctx, batch);
            float[] logits = new float[c.vocabSize()];
            if (promptTokens > 0) {
                double[] rates = measure(() -> {
                    s.truncate(0);
                    long t0 = System.nanoTime();
                    s.process(prompt, 0, promptTokens, logits);
                    return promptTokens * 1e9 / (System.nanoTime() - t0);
                });
                out.printf("| %s | %s | %s | %d | pp%d | %s |%n", name, size, paramText, nThreads, promptTokens, BenchStats.meanStd(rates));
            }
            if (genTokens > 0) {
                double[] rates = measure(() -> {
                    s.truncate(0);
                    int[] one = {prompt[0]};
                    long t0 = System.nanoTime();
                    for (int i = 0; i < genTokens; i++) {
                        s.process(one, 0, 1, logits);
                        one[0] = argmax(logits);
                    }
                    return genTokens * 1e9 / (System.nanoTime() - t0);
                });
                out.printf("| %s | %s | %s | %d | tg%d | %s |%n", name, size, paramText, nThreads, genTokens, BenchStats.meanStd(rates));
            }
            long weightBytes = decodeWeightBytes(m);
            double bandwidth = readBandwidth(m.file().mapping(), nThreads);
            out.printf("%npeak RSS: %.1f MiB (file %.1f MiB, KV cache %.1f MiB for %d positions)%n",
                    peakRssKiB() / 1024.0, Files.size(model) / 1048576.0, m.kvCacheBytes(ctx) / 1048576.0, ctx);
            out.printf("decode bound: %.1f MiB of weights read per token; measured read bandwidth %.1f GB/s with %d threads -> at most %.1f t/s%n",
                    weightBytes / 1048576.0, bandwidth / 1e9, nThreads, bandwidth / weightBytes);
        }
        return ExitCodes.OK;
    }

    private interface Run {
        double once();
    }

    /** One warm-up run (JIT compilation), then the counted repetitions. */
    private double[] measure(Run run) {
        run.once();
        double[] r = new double[repetitions];
        for (int i = 0; i < repetitions; i++) r[i] = run.once();
        return r;
    }

    private static int argmax(float[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
        return best;
    }

    /** Bytes of weights one decode step reads: every matrix once, but only one embedding row. */
    static long decodeWeightBytes(Model m) {
        long total = 0;
        for (TensorInfo t : m.file().tensors().values()) {
            if (t.name().equals("token_embd.weight")) {
                total += t.byteSize() / t.dim(1);
                if (m.file().tensor("output.weight").isEmpty()) total += t.byteSize(); // tied output head
            } else {
                total += t.byteSize();
            }
        }
        return total;
    }

    /** Read bandwidth over the (page-cached) mapped file, split across threads; best of 3 passes. */
    static double readBandwidth(MemorySegment data, int nThreads) {
        long size = data.byteSize() & ~63L;
        double best = 0;
        for (int pass = 0; pass < 3; pass++) {
            long[] sums = new long[nThreads];
            Thread[] workers = new Thread[nThreads];
            long t0 = System.nanoTime();
            for (int i = 0; i < nThreads; i++) {
                int id = i;
                long from = size / nThreads * i & ~63L;
                long to = i == nThreads - 1 ? size : size / nThreads * (i + 1) & ~63L;
                workers[i] = Thread.ofPlatform().start(() -> sums[id] = sumLongs(data, from, to));
            }
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return best;
                }
            }
            long elapsed = System.nanoTime() - t0;
            long check = 0;
            for (long s : sums) check ^= s;
            if (check == 42) System.err.print(""); // keeps the sums alive
            best = Math.max(best, size * 1e9 / elapsed);
        }
        return best;
    }

    private static long sumLongs(MemorySegment data, long from, long to) {
        long a = 0, b = 0, c = 0, d = 0;
        for (long off = from; off < to; off += 32) {
            a += data.get(ValueLayout.JAVA_LONG_UNALIGNED, off);
            b += data.get(ValueLayout.JAVA_LONG_UNALIGNED, off + 8);
            c += data.get(ValueLayout.JAVA_LONG_UNALIGNED, off + 16);
            d += data.get(ValueLayout.JAVA_LONG_UNALIGNED, off + 24);
        }
        return a + b + c + d;
    }

    private static long peakRssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
