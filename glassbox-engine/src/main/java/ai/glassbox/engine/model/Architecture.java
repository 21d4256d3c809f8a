package ai.glassbox.engine.model;

import java.util.Arrays;

/**
 * The model architectures Glassbox runs, named as in {@code general.architecture}.
 *
 * <p>They share one transformer block; the differences are tags read by {@link Transformer}:
 * q/k/v biases (qwen2), per-head q/k RMSNorm (qwen3) and the RoPE pairing (NeoX for the Qwen
 * family, adjacent pairs for llama).
 */
public enum Architecture {
    LLAMA("llama", RopeStyle.ADJACENT_PAIRS),
    QWEN2("qwen2", RopeStyle.NEOX),
    QWEN3("qwen3", RopeStyle.NEOX);

    /** How RoPE pairs the dimensions of a head. */
    public enum RopeStyle {
        /** (x[2i], x[2i+1]): llama.cpp's {@code LLAMA_ROPE_TYPE_NORM}. */
        ADJACENT_PAIRS,
        /** (x[i], x[i + d/2]): llama.cpp's {@code LLAMA_ROPE_TYPE_NEOX}. */
        NEOX
    }

    private final String ggufName;
    private final RopeStyle ropeStyle;

    Architecture(String ggufName, RopeStyle ropeStyle) {
        this.ggufName = ggufName;
        this.ropeStyle = ropeStyle;
    }

    /** The name used in {@code general.architecture} and as the metadata key prefix. */
    public String ggufName() {
        return ggufName;
    }

    public RopeStyle ropeStyle() {
        return ropeStyle;
    }

    /**
     * The architecture named in a GGUF file.
     *
     * @throws UnsupportedArchitectureException listing the supported ones
     */
    public static Architecture fromGgufName(String name) {
        for (Architecture a : values()) if (a.ggufName.equals(name)) return a;
        throw new UnsupportedArchitectureException(name, supportedNames());
    }

    public static String supportedNames() {
        return String.join(", ", Arrays.stream(values()).map(Architecture::ggufName).toList());
    }
}
