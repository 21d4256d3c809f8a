package ai.glassbox.engine.gguf;

import java.util.Arrays;
import java.util.Optional;

/**
 * Tensor element types as numbered by ggml ({@code enum ggml_type} in ggml.h).
 *
 * <p>Only the types with {@link #supported()} true can be loaded; the others are listed so that an
 * error can name what a file contains. Quantized types store {@link #blockSize()} elements in
 * {@link #bytesPerBlock()} bytes.
 */
public enum GgmlType {
    F32(0, 1, 4, true),
    F16(1, 1, 2, true),
    Q4_0(2, 32, 18, true),
    Q4_1(3, 32, 20, true),
    Q5_0(6, 32, 22, true),
    Q5_1(7, 32, 24, true),
    Q8_0(8, 32, 34, true),
    Q8_1(9, 32, 36, false),
    Q2_K(10, 256, 84, false),
    Q3_K(11, 256, 110, false),
    Q4_K(12, 256, 144, true),
    Q5_K(13, 256, 176, true),
    Q6_K(14, 256, 210, true),
    Q8_K(15, 256, 292, false),
    IQ2_XXS(16, 256, 66, false),
    IQ2_XS(17, 256, 74, false),
    IQ3_XXS(18, 256, 98, false),
    IQ1_S(19, 256, 50, false),
    IQ4_NL(20, 32, 18, false),
    IQ3_S(21, 256, 110, false),
    IQ2_S(22, 256, 82, false),
    IQ4_XS(23, 256, 136, false),
    I8(24, 1, 1, false),
    I16(25, 1, 2, false),
    I32(26, 1, 4, false),
    I64(27, 1, 8, false),
    F64(28, 1, 8, false),
    IQ1_M(29, 256, 56, false),
    BF16(30, 1, 2, true),
    TQ1_0(34, 256, 54, false),
    TQ2_0(35, 256, 66, false),
    MXFP4(39, 32, 17, false);

    private static final GgmlType[] BY_ID = new GgmlType[64];

    static {
        for (GgmlType t : values()) BY_ID[t.id] = t;
    }

    private final int id;
    private final int blockSize;
    private final int bytesPerBlock;
    private final boolean supported;

    GgmlType(int id, int blockSize, int bytesPerBlock, boolean supported) {
        this.id = id;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
        this.supported = supported;
    }

    /** The numeric id stored in GGUF tensor infos. */
    public int id() {
        return id;
    }

    /** Elements per block: 1 for plain types, 32 or 256 for quantized ones. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes one block occupies in the file. */
    public int bytesPerBlock() {
        return bytesPerBlock;
    }

    /** Whether Glassbox can compute with tensors of this type. */
    public boolean supported() {
        return supported;
    }

    /** Whether this is a block-quantized type (block size greater than one). */
    public boolean quantized() {
        return blockSize > 1;
    }

    /**
     * Bytes taken by {@code elements} elements; {@code elements} must be a multiple of the block size.
     *
     * @throws IllegalArgumentException if it is not
     */
    public long byteSize(long elements) {
        if (elements % blockSize != 0) {
            throw new IllegalArgumentException(elements + " elements is not a multiple of " + name() + "'s block size " + blockSize);
        }
        return Math.multiplyExact(elements / blockSize, (long) bytesPerBlock);
    }

    /** The type with this id, if ggml defines one. */
    public static Optional<GgmlType> byId(long id) {
        if (id < 0 || id >= BY_ID.length) return Optional.empty();
        return Optional.ofNullable(BY_ID[(int) id]);
    }

    /** The types Glassbox can compute with, for error messages and help texts. */
    public static String supportedNames() {
        return String.join(", ", Arrays.stream(values()).filter(GgmlType::supported).map(Enum::name).toList());
    }
}
