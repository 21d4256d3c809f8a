package ai.glassbox.cli;

import ai.glassbox.engine.gguf.GgmlType;
import ai.glassbox.engine.model.SyntheticModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox synth}: writes a random-weight GGUF model of a given shape, with the tokenizer of
 * another GGUF file. The same options and seed always give the same file.
 */
@Command(name = "synth", mixinStandardHelpOptions = true, description = "Write a random-weight GGUF model of the given shape.")
public final class SynthCommand implements Callable<Integer> {
    @Option(names = "--arch", required = true, description = "llama, qwen2 or qwen3")
    String arch;

    @Option(names = "--dim", required = true, description = "embedding length (n_embd)")
    int dim;

    @Option(names = "--layers", required = true, description = "number of blocks")
    int layers;

    @Option(names = "--heads", required = true, description = "attention heads")
    int heads;

    @Option(names = "--kv-heads", required = true, description = "key/value heads")
    int kvHeads;

    @Option(names = "--ffn", required = true, description = "feed-forward length")
    int ffn;

    @Option(names = "--head-dim", description = "per-head size (default dim/heads; qwen3 may differ)")
    Integer headDim;

    @Option(names = "--ctx", defaultValue = "2048", description = "context length (default ${DEFAULT-VALUE})")
    int contextLength;

    @Option(names = "--vocab-from", required = true, paramLabel = "FILE", description = "GGUF file whose tokenizer.* metadata is copied")
    Path vocabFrom;

    @Option(names = "--type", defaultValue = "Q4_0", description = "type of 2-D weights: F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K (default ${DEFAULT-VALUE})")
    GgmlType type;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Parameters(paramLabel = "OUT.gguf", description = "file to write")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int hd = headDim != null ? headDim : dim / Math.max(1, heads);
        var s = new SyntheticModel.Spec(arch, dim, layers, heads, kvHeads, ffn, hd, contextLength, type, seed, vocabFrom);
        long start = System.nanoTime();
        SyntheticModel.write(s, out);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        spec.commandLine().getOut().printf("wrote %s (%s, %d bytes) in %.1f s%n", out, type, Files.size(out), elapsedMillis / 1000.0);
        return 0;
    }
}
