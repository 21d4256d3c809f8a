package ai.glassbox.cli;

import ai.glassbox.engine.model.ModelConfig;

/** Defaults shared by the commands that load a model. */
final class ModelDefaults {
    /** Context used when --ctx is not given: the trained length, capped to keep the KV cache small. */
    static final int DEFAULT_MAX_CONTEXT = 4096;

    private ModelDefaults() {}

    static int contextLength(ModelConfig c, int requested) {
        if (requested > 0) return requested;
        return Math.min(c.trainedContextLength(), DEFAULT_MAX_CONTEXT);
    }

    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
