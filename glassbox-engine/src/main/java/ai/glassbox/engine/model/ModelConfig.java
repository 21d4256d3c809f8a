package ai.glassbox.engine.model;

import ai.glassbox.engine.gguf.GgufMetadata;

/**
 * The shape and hyper-parameters of a transformer, read from GGUF metadata
 * ({@code {arch}.embedding_length} and friends).
 *
 * @param dim model width ({@code n_embd})
 * @param layers transformer blocks ({@code n_layer})
 * @param heads query heads ({@code n_head})
 * @param kvHeads key/value heads ({@code n_head_kv}); {@code heads % kvHeads == 0} (GQA)
 * @param headDim width of one key/query head ({@code n_embd_head_k}); qwen3 sets it apart from dim/heads
 * @param valueHeadDim width of one value head ({@code n_embd_head_v})
 * @param ffnDim feed-forward hidden width ({@code n_ff})
 * @param vocabSize rows of the token embedding
 * @param trainedContextLength {@code {arch}.context_length}
 * @param rmsNormEps {@code {arch}.attention.layer_norm_rms_epsilon}
 * @param ropeBase {@code {arch}.rope.freq_base}
 * @param ropeDims dimensions rotated per head ({@code n_rot})
 * @param ropeFreqScale 1 / {@code rope.scaling.factor} for linear scaling, else 1
 */
public record ModelConfig(
        Architecture architecture,
        int dim,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int valueHeadDim,
        int ffnDim,
        int vocabSize,
        int trainedContextLength,
        float rmsNormEps,
        float ropeBase,
        int ropeDims,
        float ropeFreqScale) {

    public ModelConfig {
        positive("embedding_length", dim);
        positive("block_count", layers);
        positive("attention.head_count", heads);
        positive("attention.head_count_kv", kvHeads);
        positive("attention.key_length", headDim);
        positive("attention.value_length", valueHeadDim);
        positive("feed_forward_length", ffnDim);
        positive("vocabulary size", vocabSize);
        positive("context_length", trainedContextLength);
        if (heads % kvHeads != 0) throw new ModelFormatException("attention.head_count " + heads + " is not a multiple of head_count_kv " + kvHeads);
        if (ropeDims <= 0 || ropeDims > headDim || ropeDims % 2 != 0) {
            throw new ModelFormatException("rope.dimension_count " + ropeDims + " must be even and at most the head width " + headDim);
        }
        if (!(rmsNormEps > 0) || !(ropeBase > 0) || !(ropeFreqScale > 0)) throw new ModelFormatException("rms epsilon, rope base and rope scale must be positive");
    }

    private static void positive(String key, int v) {
        if (v <= 0) throw new ModelFormatException(key + " must be positive, is " + v);
    }

    /** Width of all query heads together. */
    public int queryDim() {
        return heads * headDim;
    }

    /** Width of all key heads together. */
    public int kvDim() {
        return kvHeads * headDim;
    }

    /** Width of all value heads together. */
    public int valueDim() {
        return kvHeads * valueHeadDim;
    }

    /** Parameters shared by the query heads of one key/value head. */
    public int groupSize() {
        return heads / kvHeads;
    }

    /**
     * Reads the configuration of a model whose token embedding has {@code vocabSize} rows.
     *
     * @throws ModelFormatException naming a missing or invalid key
     */
    public static ModelConfig fromMetadata(GgufMetadata md, int vocabSize) {
        String archName = md.string("general.architecture").orElseThrow(() -> new ModelFormatException("missing metadata general.architecture"));
        Architecture arch = Architecture.fromGgufName(archName);
        String p = arch.ggufName() + ".";
        int dim = required(md, p + "embedding_length");
        int heads = required(md, p + "attention.head_count");
        int kvHeads = md.int32(p + "attention.head_count_kv").orElse(heads);
        int headDim = md.int32(p + "attention.key_length").orElse(dim / heads);
        int valueHeadDim = md.int32(p + "attention.value_length").orElse(headDim);
        String scaling = md.string(p + "rope.scaling.type").orElse("none");
        float freqScale = switch (scaling) {
            case "none" -> 1f;
            case "linear" -> 1f / md.float32(p + "rope.scaling.factor").orElse(1f);
            default -> throw new ModelFormatException(p + "rope.scaling.type '" + scaling + "' is not supported (none, linear; llama3 scaling comes as rope_freqs.weight)");
        };
        return new ModelConfig(
                arch,
                dim,
                required(md, p + "block_count"),
                heads,
                kvHeads,
                headDim,
                valueHeadDim,
                required(md, p + "feed_forward_length"),
                vocabSize,
                required(md, p + "context_length"),
                md.float32(p + "attention.layer_norm_rms_epsilon").orElse(1e-5f),
                md.float32(p + "rope.freq_base").orElse(10000f),
                md.int32(p + "rope.dimension_count").orElse(headDim),
                freqScale);
    }

    private static int required(GgufMetadata md, String key) {
        return md.int32(key).orElseThrow(() -> new ModelFormatException("missing metadata " + key));
    }
}
