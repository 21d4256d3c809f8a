package ai.glassbox.engine.model;

import ai.glassbox.engine.gguf.GgmlType;
import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.engine.gguf.TensorInfo;
import ai.glassbox.engine.kernel.WeightMatrix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * All tensors of a model, as memory-mapped matrices (weights) and small float arrays (norms,
 * biases). Tensor names are llama.cpp's ({@code token_embd.weight}, {@code blk.N.attn_q.weight} …).
 *
 * @param ropeFreqFactors llama3-style per-dimension RoPE divisors ({@code rope_freqs.weight}), or empty
 */
record ModelWeights(WeightMatrix tokenEmbedding, float[] outputNorm, WeightMatrix output, float[] ropeFreqFactors, List<LayerWeights> layers) {

    static ModelWeights load(GgufFile file, ModelConfig c) {
        var t = new Tensors(file);
        WeightMatrix embedding = t.matrix("token_embd.weight", c.dim(), c.vocabSize());
        WeightMatrix output = file.tensor("output.weight").isPresent() ? t.matrix("output.weight", c.dim(), c.vocabSize()) : embedding;
        float[] ropeFreqs = file.tensor("rope_freqs.weight").isPresent() ? t.vector("rope_freqs.weight", c.ropeDims() / 2) : new float[0];
        var layers = new LayerWeights[c.layers()];
        boolean qwen2 = c.architecture() == Architecture.QWEN2;
        boolean qwen3 = c.architecture() == Architecture.QWEN3;
        for (int i = 0; i < c.layers(); i++) {
            String b = "blk." + i + ".";
            layers[i] = new LayerWeights(
                    t.vector(b + "attn_norm.weight", c.dim()),
                    t.matrix(b + "attn_q.weight", c.dim(), c.queryDim()),
                    t.matrix(b + "attn_k.weight", c.dim(), c.kvDim()),
                    t.matrix(b + "attn_v.weight", c.dim(), c.valueDim()),
                    t.matrix(b + "attn_output.weight", c.heads() * c.valueHeadDim(), c.dim()),
                    qwen2 ? t.vector(b + "attn_q.bias", c.queryDim()) : t.optionalVector(b + "attn_q.bias", c.queryDim()),
                    qwen2 ? t.vector(b + "attn_k.bias", c.kvDim()) : t.optionalVector(b + "attn_k.bias", c.kvDim()),
                    qwen2 ? t.vector(b + "attn_v.bias", c.valueDim()) : t.optionalVector(b + "attn_v.bias", c.valueDim()),
                    qwen3 ? t.vector(b + "attn_q_norm.weight", c.headDim()) : new float[0],
                    qwen3 ? t.vector(b + "attn_k_norm.weight", c.headDim()) : new float[0],
                    t.vector(b + "ffn_norm.weight", c.dim()),
                    t.matrix(b + "ffn_gate.weight", c.dim(), c.ffnDim()),
                    t.matrix(b + "ffn_up.weight", c.dim(), c.ffnDim()),
                    t.matrix(b + "ffn_down.weight", c.ffnDim(), c.dim()));
        }
        return new ModelWeights(embedding, t.vector("output_norm.weight", c.dim()), output, ropeFreqs, List.of(layers));
    }

    /** Looks tensors up by name and checks their shapes, naming the tensor in every error. */
    private record Tensors(GgufFile file) {
        private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

        TensorInfo info(String name) {
            TensorInfo info = file.tensor(name).orElseThrow(() -> new ModelFormatException(file.path() + ": missing tensor " + name));
            if (!info.type().supported()) {
                throw new ModelFormatException(file.path() + ": tensor " + name + " has type " + info.type() + ", which is not supported (supported: " + GgmlType.supportedNames() + ")");
            }
            return info;
        }

        WeightMatrix matrix(String name, int cols, int rows) {
            TensorInfo info = info(name);
            if (info.rank() != 2 || info.dim(0) != cols || info.dim(1) != rows) {
                throw new ModelFormatException(file.path() + ": tensor " + name + " has shape " + java.util.Arrays.toString(info.shape()) + ", expected [" + cols + ", " + rows + "]");
            }
            return new WeightMatrix(name, info.type(), file.data(info), rows, cols);
        }

        float[] vector(String name, int length) {
            TensorInfo info = info(name);
            if (info.elementCount() != length) {
                throw new ModelFormatException(file.path() + ": tensor " + name + " has " + info.elementCount() + " elements, expected " + length);
            }
            MemorySegment data = file.data(info);
            float[] v = new float[length];
            for (int i = 0; i < length; i++) {
                v[i] = switch (info.type()) {
                    case F32 -> data.get(F32, 4L * i);
                    case F16 -> Float.float16ToFloat(data.get(I16, 2L * i));
                    case BF16 -> Float.intBitsToFloat(data.get(I16, 2L * i) << 16);
                    default -> throw new ModelFormatException(file.path() + ": vector tensor " + name + " has type " + info.type() + ", expected F32, F16 or BF16");
                };
            }
            return v;
        }

        float[] optionalVector(String name, int length) {
            return file.tensor(name).isPresent() ? vector(name, length) : new float[0];
        }
    }
}
