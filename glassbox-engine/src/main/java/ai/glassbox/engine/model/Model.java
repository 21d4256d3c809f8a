package ai.glassbox.engine.model;

import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.engine.gguf.TensorInfo;
import ai.glassbox.engine.kernel.KernelProvider;
import ai.glassbox.engine.kernel.Kernels;
import java.nio.file.Path;

/**
 * A loaded model: the mapped GGUF file, its configuration and weights, and a worker pool.
 * Sessions ({@link #newSession}) hold the per-conversation state. Closing the model unmaps the
 * file; sessions must not be used afterwards. Thread-safe for creating sessions; each session is
 * used by one thread at a time, and sessions of one model share its pool, so run one at a time.
 */
public final class Model implements AutoCloseable {
    private final GgufFile file;
    private final ModelConfig config;
    private final Transformer transformer;
    private final WorkerPool pool;

    private Model(GgufFile file, ModelConfig config, Transformer transformer, WorkerPool pool) {
        this.file = file;
        this.config = config;
        this.transformer = transformer;
        this.pool = pool;
    }

    /**
     * Opens a GGUF model.
     *
     * @param threads threads for matrix products (1 or more)
     * @throws ai.glassbox.engine.gguf.GgufFormatException for an unreadable file
     * @throws ModelFormatException for missing or inconsistent tensors or metadata
     */
    public static Model open(Path path, int threads) {
        return open(GgufFile.open(path), threads, KernelProvider.kernels());
    }

    /** Builds a model over an already open file, which it then owns. */
    public static Model open(GgufFile file, int threads, Kernels kernels) {
        try {
            TensorInfo embd = file.tensor("token_embd.weight").orElseThrow(() -> new ModelFormatException(file.path() + ": missing tensor token_embd.weight"));
            if (embd.rank() != 2 || embd.dim(1) > Integer.MAX_VALUE || embd.dim(0) > Integer.MAX_VALUE) {
                throw new ModelFormatException(file.path() + ": tensor token_embd.weight has shape " + java.util.Arrays.toString(embd.shape()));
            }
            ModelConfig config = ModelConfig.fromMetadata(file.metadata(), (int) embd.dim(1));
            ModelWeights weights = ModelWeights.load(file, config);
            return new Model(file, config, new Transformer(config, weights, kernels), new WorkerPool(threads));
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public ModelConfig config() {
        return config;
    }

    public GgufFile file() {
        return file;
    }

    public int threads() {
        return pool.threads();
    }

    /**
     * A new session with an empty KV cache of {@code contextLength} positions, processing prompts
     * in batches of up to {@code batchSize} tokens. Batch size never changes results.
     */
    public Session newSession(int contextLength, int batchSize) {
        if (contextLength < 1) throw new IllegalArgumentException("context length must be positive, is " + contextLength);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive, is " + batchSize);
        return new Session(transformer, pool, new ForwardState(config, contextLength, Math.min(batchSize, contextLength)));
    }

    /**
     * Buffers for running up to {@code maxTokens} tokens of several sessions (of contexts up to
     * {@code contextLength}) in one forward pass.
     */
    public StepBatch newStepBatch(int contextLength, int maxTokens) {
        if (contextLength < 1) throw new IllegalArgumentException("context length must be positive, is " + contextLength);
        if (maxTokens < 1) throw new IllegalArgumentException("batch size must be positive, is " + maxTokens);
        return new StepBatch(transformer, pool, contextLength, maxTokens);
    }

    /** Bytes a session's KV cache takes for a context length. */
    public long kvCacheBytes(int contextLength) {
        return KvCache.bytes(config, contextLength);
    }

    @Override
    public void close() {
        pool.close();
        file.close();
    }
}
