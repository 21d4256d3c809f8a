package ai.glassbox.engine.model;

import ai.glassbox.engine.gguf.GgmlType;
import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.engine.gguf.GgufMetadata;
import ai.glassbox.engine.gguf.GgufValue;
import ai.glassbox.engine.gguf.GgufWriter;
import ai.glassbox.engine.tensor.Quantizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Writes random-weight models with the metadata keys and tensor names llama.cpp's converters use,
 * for tests and benchmarks at any shape.
 *
 * <p><b>Weights.</b> Every 2-D weight is drawn from N(0, 1/sqrt(n_in)) (standard deviation
 * 1/sqrt of the row length); q/k/v biases (qwen2) from N(0, 0.02); norm weights are 1. The
 * generator is our own and uses only integer arithmetic, {@link StrictMath} and IEEE operations, so
 * a seed gives the same file on every JVM and CPU: each row of each tensor gets its own
 * xoshiro256** stream, seeded through SplitMix64 from (seed, tensor index, row), and normal samples
 * come from the Marsaglia polar method. Rows are independent, so generation runs in parallel
 * without changing a byte.
 *
 * <p><b>Types.</b> 2-D tensors get the requested type, 1-D tensors stay F32 (as llama-quantize
 * does). A 2-D tensor whose row length is not a multiple of the type's block size falls back as
 * llama-quantize's {@code convert_incompatible_tensor} does: Q4_K to Q5_0, Q5_K to Q5_1, Q6_K to
 * Q8_0, and when that still does not divide (or for 32-element types) to F16.
 *
 * <p><b>Metadata.</b> Fixed values match the shared tiny models: rope.freq_base 10000, RMS norm
 * epsilon 1e-5. {@code general.quantization_version} 2 is added for quantized types, as
 * llama-quantize does. All {@code tokenizer.*} keys are copied from the vocabulary source.
 */
public final class SyntheticModel {
    private static final long ROWS_PER_SLAB_TARGET_FLOATS = 1 << 22; // 16 MiB of floats per parallel batch

    private SyntheticModel() {}

    /**
     * The shape of a synthetic model.
     *
     * @param arch "llama", "qwen2" or "qwen3"
     * @param dim embedding length (n_embd)
     * @param layers block count
     * @param heads attention heads
     * @param kvHeads key/value heads (divides heads)
     * @param ffn feed-forward length
     * @param headDim per-head size; dim/heads for llama and qwen2, free for qwen3
     * @param contextLength context length written to metadata
     * @param type element type of 2-D weights
     * @param seed random seed
     * @param vocabFrom GGUF file whose {@code tokenizer.*} metadata is copied
     */
    public record Spec(String arch, int dim, int layers, int heads, int kvHeads, int ffn, int headDim, int contextLength, GgmlType type, long seed, Path vocabFrom) {
        public Spec {
            Objects.requireNonNull(arch, "arch");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(vocabFrom, "vocabFrom");
            if (!List.of("llama", "qwen2", "qwen3").contains(arch)) throw new IllegalArgumentException("unsupported arch '" + arch + "' (llama, qwen2 or qwen3)");
            if (dim <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || ffn <= 0 || headDim <= 0 || contextLength <= 0) {
                throw new IllegalArgumentException("every size must be positive: " + this);
            }
            if (heads % kvHeads != 0) throw new IllegalArgumentException("heads " + heads + " is not a multiple of kvHeads " + kvHeads);
            if (!arch.equals("qwen3") && headDim * heads != dim) throw new IllegalArgumentException(arch + " needs headDim * heads == dim, got " + headDim + " * " + heads + " != " + dim);
            if (!Quantizer.canEncode(type)) throw new IllegalArgumentException("cannot write type " + type);
        }

        /** A spec with headDim = dim / heads and context length 2048. */
        public static Spec of(String arch, int dim, int layers, int heads, int kvHeads, int ffn, GgmlType type, long seed, Path vocabFrom) {
            return new Spec(arch, dim, layers, heads, kvHeads, ffn, dim / heads, 2048, type, seed, vocabFrom);
        }
    }

    /**
     * Writes the model to {@code out}, streaming tensor by tensor (memory use is bounded by one
     * batch of rows, about 16 MiB of floats plus their encoding).
     *
     * @throws IllegalArgumentException if the vocabulary source has no {@code tokenizer.ggml.tokens}
     * @throws java.io.UncheckedIOException if a file cannot be read or written
     */
    public static void write(Spec spec, Path out) {
        GgufMetadata metadata;
        int vocab;
        try (var v = GgufFile.open(spec.vocabFrom())) {
            vocab = v.metadata().strings("tokenizer.ggml.tokens")
                    .orElseThrow(() -> new IllegalArgumentException(spec.vocabFrom() + " has no tokenizer.ggml.tokens"))
                    .length;
            metadata = metadata(spec, v.metadata());
        }
        List<GgufWriter.Tensor> tensors = tensors(spec, vocab);
        try (var w = GgufWriter.create(out, metadata, tensors)) {
            for (int i = 0; i < tensors.size(); i++) writeTensor(w, tensors.get(i), i, spec.seed());
        }
    }

    private static GgufMetadata metadata(Spec s, GgufMetadata vocab) {
        String a = s.arch();
        var m = new LinkedHashMap<String, GgufValue>();
        m.put("general.architecture", GgufValue.ofString(a));
        m.put("general.name", GgufValue.ofString("synthetic-" + a));
        m.put("general.file_type", GgufValue.ofUInt32(fileType(s.type())));
        m.put(a + ".context_length", GgufValue.ofUInt32(s.contextLength()));
        m.put(a + ".embedding_length", GgufValue.ofUInt32(s.dim()));
        m.put(a + ".block_count", GgufValue.ofUInt32(s.layers()));
        m.put(a + ".feed_forward_length", GgufValue.ofUInt32(s.ffn()));
        m.put(a + ".attention.head_count", GgufValue.ofUInt32(s.heads()));
        m.put(a + ".attention.head_count_kv", GgufValue.ofUInt32(s.kvHeads()));
        m.put(a + ".rope.freq_base", GgufValue.ofFloat32(10000.0f));
        m.put(a + ".attention.layer_norm_rms_epsilon", GgufValue.ofFloat32(1e-5f));
        m.put(a + ".rope.dimension_count", GgufValue.ofUInt32(s.headDim()));
        if (a.equals("qwen3")) {
            m.put(a + ".attention.key_length", GgufValue.ofUInt32(s.headDim()));
            m.put(a + ".attention.value_length", GgufValue.ofUInt32(s.headDim()));
        }
        vocab.entries().forEach((k, v) -> {
            if (k.startsWith("tokenizer.")) m.put(k, v);
        });
        if (s.type().quantized()) m.put("general.quantization_version", GgufValue.ofUInt32(2));
        return new GgufMetadata(m);
    }

    /** llama.cpp's {@code llama_ftype} for a file whose weights are all of this type. */
    static int fileType(GgmlType t) {
        return switch (t) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q4_1 -> 3;
            case Q8_0 -> 7;
            case Q5_0 -> 8;
            case Q5_1 -> 9;
            case Q4_K -> 15; // LLAMA_FTYPE_MOSTLY_Q4_K_M, as llama-quantize labels a pure Q4_K file
            case Q5_K -> 17; // MOSTLY_Q5_K_M
            case Q6_K -> 18;
            case BF16 -> 32;
            default -> throw new IllegalArgumentException("no llama_ftype for " + t);
        };
    }

    /** Tensors in the order llama.cpp's HF converter writes them. */
    private static List<GgufWriter.Tensor> tensors(Spec s, int vocab) {
        var t = new ArrayList<GgufWriter.Tensor>();
        int q = s.heads() * s.headDim(), kv = s.kvHeads() * s.headDim();
        t.add(matrix("token_embd.weight", s.dim(), vocab, s.type()));
        for (int l = 0; l < s.layers(); l++) {
            String b = "blk." + l + ".";
            t.add(vector(b + "attn_norm.weight", s.dim()));
            t.add(matrix(b + "attn_q.weight", s.dim(), q, s.type()));
            t.add(matrix(b + "attn_k.weight", s.dim(), kv, s.type()));
            t.add(matrix(b + "attn_v.weight", s.dim(), kv, s.type()));
            if (s.arch().equals("qwen2")) {
                t.add(vector(b + "attn_q.bias", q));
                t.add(vector(b + "attn_k.bias", kv));
                t.add(vector(b + "attn_v.bias", kv));
            }
            if (s.arch().equals("qwen3")) {
                t.add(vector(b + "attn_q_norm.weight", s.headDim()));
                t.add(vector(b + "attn_k_norm.weight", s.headDim()));
            }
            t.add(matrix(b + "attn_output.weight", q, s.dim(), s.type()));
            t.add(vector(b + "ffn_norm.weight", s.dim()));
            t.add(matrix(b + "ffn_gate.weight", s.dim(), s.ffn(), s.type()));
            t.add(matrix(b + "ffn_up.weight", s.dim(), s.ffn(), s.type()));
            t.add(matrix(b + "ffn_down.weight", s.ffn(), s.dim(), s.type()));
        }
        t.add(vector("output_norm.weight", s.dim()));
        if (!s.arch().equals("qwen2")) t.add(matrix("output.weight", s.dim(), vocab, s.type())); // qwen2 ties embeddings
        return t;
    }

    private static GgufWriter.Tensor vector(String name, long n) {
        return new GgufWriter.Tensor(name, GgmlType.F32, new long[] {n});
    }

    private static GgufWriter.Tensor matrix(String name, long cols, long rows, GgmlType type) {
        return new GgufWriter.Tensor(name, typeForRowLength(type, cols), new long[] {cols, rows});
    }

    /** llama-quantize's fallback for rows that do not divide into blocks of {@code wanted}. */
    static GgmlType typeForRowLength(GgmlType wanted, long rowLength) {
        if (rowLength % wanted.blockSize() == 0) return wanted;
        GgmlType fallback = switch (wanted) {
            case Q4_K -> GgmlType.Q5_0;
            case Q5_K -> GgmlType.Q5_1;
            case Q6_K -> GgmlType.Q8_0;
            default -> GgmlType.F16;
        };
        return rowLength % fallback.blockSize() == 0 ? fallback : GgmlType.F16;
    }

    private static void writeTensor(GgufWriter w, GgufWriter.Tensor t, int index, long seed) {
        long[] shape = t.shape();
        int cols = Math.toIntExact(shape[0]);
        int rows = Math.toIntExact(shape.length > 1 ? shape[1] : 1);
        int rowBytes = Math.toIntExact(t.type().byteSize(cols));
        String name = t.name();
        boolean norm = name.contains("norm");
        boolean bias = name.endsWith(".bias");
        float std = bias ? 0.02f : (float) (1 / StrictMath.sqrt(cols));
        int slabRows = (int) Math.max(1, Math.min(rows, ROWS_PER_SLAB_TARGET_FLOATS / cols));
        byte[] slab = new byte[slabRows * rowBytes];
        for (int r0 = 0; r0 < rows; r0 += slabRows) {
            int n = Math.min(slabRows, rows - r0);
            int first = r0;
            IntStream.range(0, n).parallel().forEach(i -> {
                float[] x = new float[cols];
                if (norm) java.util.Arrays.fill(x, 1f);
                else new Normal(seed, index, first + i).fill(x, std);
                Quantizer.quantize(t.type(), x, 0, cols, slab, i * rowBytes);
            });
            w.write(slab, 0, n * rowBytes);
        }
    }

    /** xoshiro256** seeded by SplitMix64, with Marsaglia polar normal samples. */
    private static final class Normal {
        private long s0, s1, s2, s3;

        Normal(long seed, int tensor, int row) {
            long sm = seed ^ mix(tensor * 0x9E3779B97F4A7C15L + row);
            long[] s = new long[4];
            for (int i = 0; i < 4; i++) {
                sm += 0x9E3779B97F4A7C15L; // SplitMix64 increment
                s[i] = mix(sm);
            }
            s0 = s[0];
            s1 = s[1];
            s2 = s[2];
            s3 = s[3];
        }

        /** SplitMix64's output function (Steele, Lea, Flood 2014). */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        private long next() {
            long result = Long.rotateLeft(s1 * 5, 7) * 9;
            long t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = Long.rotateLeft(s3, 45);
            return result;
        }

        /** Uniform in (-1, 1), from the top 53 bits. */
        private double uniform() {
            return ((next() >>> 11) * 0x1.0p-53) * 2 - 1;
        }

        void fill(float[] x, float std) {
            for (int i = 0; i < x.length; ) {
                double u, v, s;
                do {
                    u = uniform();
                    v = uniform();
                    s = u * u + v * v;
                } while (s >= 1 || s == 0);
                double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
                x[i++] = (float) (u * f * std);
                if (i < x.length) x[i++] = (float) (v * f * std);
            }
        }
    }
}
