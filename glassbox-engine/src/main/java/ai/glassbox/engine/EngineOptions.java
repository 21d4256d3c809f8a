package ai.glassbox.engine;

/**
 * How to load a model.
 *
 * @param threads threads for matrix products (at least 1); results do not depend on it
 * @param contextLength KV cache positions per session; 0 means the model's trained length, at most {@link #DEFAULT_MAX_CONTEXT}
 * @param batchSize prompt tokens processed per forward pass; results do not depend on it
 */
public record EngineOptions(int threads, int contextLength, int batchSize) {
    public static final int DEFAULT_MAX_CONTEXT = 4096;
    public static final int DEFAULT_BATCH = 64;

    public EngineOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, is " + threads);
        if (contextLength < 0) throw new IllegalArgumentException("context length must be >= 0, is " + contextLength);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, is " + batchSize);
    }

    /** All available processors, the model's context (capped), batches of {@value #DEFAULT_BATCH}. */
    public static EngineOptions defaults() {
        return new EngineOptions(Runtime.getRuntime().availableProcessors(), 0, DEFAULT_BATCH);
    }

    public EngineOptions withThreads(int t) {
        return new EngineOptions(t, contextLength, batchSize);
    }

    public EngineOptions withContextLength(int c) {
        return new EngineOptions(threads, c, batchSize);
    }

    public EngineOptions withBatchSize(int b) {
        return new EngineOptions(threads, contextLength, b);
    }
}
