package ai.glassbox.engine.gguf;

/**
 * Encodes metadata values in GGUF's binary form, accepting the Java representations documented on
 * {@link GgufValue} and {@link GgufArray}. Mismatches name the key.
 */
final class MetadataEncoder {
    private static final int MAX_ARRAY_NESTING = 8; // as GgufReader accepts

    private MetadataEncoder() {}

    static void value(GgufWriter.LittleEndianBytes out, String key, GgufValueType type, Object value, int depth) {
        switch (type) {
            case UINT8, INT8 -> out.i8(integer(key, type, value));
            case UINT16, INT16 -> out.i16(integer(key, type, value));
            case INT32 -> out.i32(integer(key, type, value));
            case UINT32, UINT64, INT64 -> out.i64OrI32(type, longValue(key, type, value));
            case FLOAT32 -> out.i32(Float.floatToRawIntBits(as(key, type, value, Float.class)));
            case FLOAT64 -> out.i64(Double.doubleToRawLongBits(as(key, type, value, Double.class)));
            case BOOL -> out.i8(as(key, type, value, Boolean.class) ? 1 : 0);
            case STRING -> out.string(as(key, type, value, String.class));
            case ARRAY -> array(out, key, as(key, type, value, GgufArray.class), depth);
        }
    }

    private static void array(GgufWriter.LittleEndianBytes out, String key, GgufArray a, int depth) {
        if (depth >= MAX_ARRAY_NESTING) throw new IllegalArgumentException("metadata " + key + ": arrays nested deeper than " + MAX_ARRAY_NESTING);
        GgufValueType elem = a.elementType();
        out.i32(elem.id());
        out.i64(a.length());
        switch (a.values()) {
            case int[] v when elem == GgufValueType.UINT8 || elem == GgufValueType.INT8 -> { for (int x : v) out.i8(x); }
            case int[] v when elem == GgufValueType.UINT16 || elem == GgufValueType.INT16 -> { for (int x : v) out.i16(x); }
            case int[] v when elem == GgufValueType.INT32 -> { for (int x : v) out.i32(x); }
            case long[] v when elem == GgufValueType.UINT32 -> { for (long x : v) out.i32((int) x); }
            case long[] v when elem == GgufValueType.UINT64 || elem == GgufValueType.INT64 -> { for (long x : v) out.i64(x); }
            case float[] v when elem == GgufValueType.FLOAT32 -> { for (float x : v) out.i32(Float.floatToRawIntBits(x)); }
            case double[] v when elem == GgufValueType.FLOAT64 -> { for (double x : v) out.i64(Double.doubleToRawLongBits(x)); }
            case boolean[] v when elem == GgufValueType.BOOL -> { for (boolean x : v) out.i8(x ? 1 : 0); }
            case String[] v when elem == GgufValueType.STRING -> { for (String x : v) out.string(x); }
            case GgufArray[] v when elem == GgufValueType.ARRAY -> { for (GgufArray x : v) array(out, key, x, depth + 1); }
            default -> throw new IllegalArgumentException("metadata " + key + ": array of " + elem + " holds a " + a.values().getClass().getSimpleName());
        }
    }

    private static int integer(String key, GgufValueType type, Object value) {
        if (value instanceof Integer i) return i;
        if (value instanceof Long l) return l.intValue();
        throw mismatch(key, type, value);
    }

    private static long longValue(String key, GgufValueType type, Object value) {
        if (value instanceof Long l) return l;
        if (value instanceof Integer i) return type == GgufValueType.INT64 ? i : Integer.toUnsignedLong(i);
        throw mismatch(key, type, value);
    }

    private static <T> T as(String key, GgufValueType type, Object value, Class<T> cls) {
        if (!cls.isInstance(value)) throw mismatch(key, type, value);
        return cls.cast(value);
    }

    private static IllegalArgumentException mismatch(String key, GgufValueType type, Object value) {
        return new IllegalArgumentException("metadata " + key + " is declared " + type + " but holds a " + value.getClass().getSimpleName());
    }
}
