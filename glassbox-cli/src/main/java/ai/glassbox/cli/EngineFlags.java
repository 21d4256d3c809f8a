package ai.glassbox.cli;

import ai.glassbox.engine.EngineOptions;
import picocli.CommandLine.Option;

/** Flags that choose how a model is loaded. */
final class EngineFlags {
    @Option(names = {"-t", "--threads"}, description = "threads (default: all processors)")
    int threads;

    @Option(names = {"-c", "--ctx"}, description = "context length (default: the model's, at most 4096)")
    int ctx;

    @Option(names = {"-b", "--batch"}, description = "prompt batch size (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int batch;

    EngineOptions options() {
        return new EngineOptions(threads > 0 ? threads : ModelDefaults.defaultThreads(), ctx, batch);
    }
}
