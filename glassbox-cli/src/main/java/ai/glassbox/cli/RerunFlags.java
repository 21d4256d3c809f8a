package ai.glassbox.cli;

import ai.glassbox.engine.EngineOptions;
import ai.glassbox.eval.EvalException;
import ai.glassbox.eval.backend.LocalEngineModel;
import ai.glassbox.eval.run.Reproduction;
import ai.glassbox.eval.task.TaskData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The re-execution half of {@code glassbox verify}: re-runs a local-engine run's samples (all, or
 * a seeded random choice) and checks that every one gives its attested record byte for byte.
 * Called only after the signature and the file digests are verified, so the records it compares
 * against are the attested ones.
 */
final class RerunFlags {
    @Option(names = "--rerun", description = "re-run every sample on the local engine and check each gives its attested record bit for bit")
    boolean rerun;

    @Option(names = "--sample", paramLabel = "K", description = "re-run K randomly chosen samples instead of all (implies --rerun)")
    Integer sample;

    @Option(names = "--sample-seed", paramLabel = "S", description = "the seed that chooses the --sample samples (default: a random one, printed so the check can be repeated)")
    Long sampleSeed;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE.gguf", description = "the run's model file, when it is no longer where the manifest says (checked against the attested SHA-256)")
    Path model;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "threads for the re-run (default: all processors); the records do not depend on it")
    int threads;

    @Option(names = "--no-progress", description = "no progress bar during a re-run")
    boolean noProgress;

    @Mixin
    DataFlags dataFlags;

    /**
     * Re-runs what was asked for, printing one line per differing sample and a summary.
     *
     * @return {@link ExitCodes#OK} when nothing was asked or every re-run sample is identical,
     *     {@link ExitCodes#VERIFY_FAILED} when one differs
     * @throws EvalException when the run cannot be re-run as asked: a remote backend's run, a
     *     model file or dataset that is not the attested one, a task whose requests changed
     */
    int check(Path run, CommandLine cl) {
        PrintWriter out = cl.getOut(), err = cl.getErr();
        if (sampleSeed != null && sample == null) throw new CommandLine.ParameterException(cl, "--sample-seed needs --sample K");
        if (sample != null && sample < 1) throw new CommandLine.ParameterException(cl, "--sample must be at least 1, is " + sample);
        boolean asked = rerun || sample != null;
        Reproduction r = Reproduction.of(run);
        Optional<String> why = r.whyNotReproducible();
        if (why.isPresent()) {
            if (asked) throw new EvalException("cannot re-run: " + why.get() + " (the signature and digests above are verified)");
            out.println("not re-run: " + why.get());
            return ExitCodes.OK;
        }
        if (!asked) {
            out.println("not re-run: add --rerun to re-run all " + r.sampleCount() + " samples on the local engine and compare them bit for bit, or --sample K for K of them");
            return ExitCodes.OK;
        }
        Path file = r.checkModelFile(model != null ? model : r.modelFile());
        TaskData data = dataFlags.taskData(r.tasks(), err);
        long seed = sampleSeed != null ? sampleSeed : new SecureRandom().nextLong();
        List<Reproduction.SampleId> chosen = sample != null ? r.chooseSamples(sample, seed) : r.allSamples();
        String what = "re-ran " + chosen.size() + " of " + r.sampleCount() + " samples" + (sample != null ? " (seed " + seed + ")" : "");
        if (sample != null) err.printf("re-running %d of %d samples, chosen with seed %d (repeat with --sample %d --sample-seed %d)%n", chosen.size(), r.sampleCount(), seed, sample, seed);
        err.flush();
        Reproduction.Outcome outcome;
        var options = new EngineOptions(threads > 0 ? threads : ModelDefaults.defaultThreads(), r.contextLength(), EngineOptions.DEFAULT_BATCH);
        try (var engine = LocalEngineModel.open(file, options); var progress = new EvalProgress(err, !noProgress)) {
            String now = engine.identity().properties().get("engine");
            r.engine().filter(e -> !e.equals(now)).ifPresent(e -> err.println("note: the run was made with " + e + "; re-running with " + now));
            outcome = r.check(engine, data, chosen, progress);
        }
        if (outcome.identical()) {
            out.println("OK: " + what + ": all identical");
            return ExitCodes.OK;
        }
        for (Reproduction.Difference d : outcome.differences()) {
            String where = d.field().isEmpty() ? "in its bytes (the JSON values agree)" : "at " + d.field();
            out.println("FAILED: sample " + d.task() + " doc " + d.docId() + " (" + d.doc() + ") differs " + where + ": attested " + d.recorded() + ", re-run " + d.rerun());
        }
        out.println("FAILED: " + what + ": " + outcome.differences().size() + " differ from the attested records");
        return ExitCodes.VERIFY_FAILED;
    }
}
