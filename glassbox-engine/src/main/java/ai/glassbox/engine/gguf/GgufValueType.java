package ai.glassbox.engine.gguf;

import java.util.Optional;

/** Metadata value types ({@code enum gguf_type} in the GGUF specification). */
public enum GgufValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    STRING(8, 8),
    ARRAY(9, 12),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    private final int id;
    private final int minBytes;

    GgufValueType(int id, int minBytes) {
        this.id = id;
        this.minBytes = minBytes;
    }

    public int id() {
        return id;
    }

    /** The fewest bytes a value of this type can take in a file (a string's length prefix, say). */
    public int minBytes() {
        return minBytes;
    }

    public static Optional<GgufValueType> byId(long id) {
        for (GgufValueType t : values()) if (t.id == id) return Optional.of(t);
        return Optional.empty();
    }
}
