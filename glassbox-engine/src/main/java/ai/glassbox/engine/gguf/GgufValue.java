package ai.glassbox.engine.gguf;

import java.util.Objects;

/**
 * One metadata value with its GGUF type.
 *
 * <p>Java representations: UINT8, INT8, UINT16, INT16, INT32 as {@link Integer}; UINT32, UINT64,
 * INT64 as {@link Long} (UINT64 above 2^63 wraps negative); FLOAT32 as {@link Float}; FLOAT64 as
 * {@link Double}; BOOL as {@link Boolean}; STRING as {@link String}; ARRAY as {@link GgufArray}.
 */
public record GgufValue(GgufValueType type, Object value) {
    public GgufValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static GgufValue ofString(String s) {
        return new GgufValue(GgufValueType.STRING, s);
    }

    public static GgufValue ofUInt32(long v) {
        return new GgufValue(GgufValueType.UINT32, v);
    }

    public static GgufValue ofInt32(int v) {
        return new GgufValue(GgufValueType.INT32, v);
    }

    public static GgufValue ofFloat32(float v) {
        return new GgufValue(GgufValueType.FLOAT32, v);
    }

    public static GgufValue ofBool(boolean v) {
        return new GgufValue(GgufValueType.BOOL, v);
    }

    public static GgufValue ofArray(GgufArray a) {
        return new GgufValue(GgufValueType.ARRAY, a);
    }
}
