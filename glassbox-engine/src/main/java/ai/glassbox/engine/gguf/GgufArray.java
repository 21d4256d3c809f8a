package ai.glassbox.engine.gguf;

import java.util.Objects;

/**
 * A metadata array. {@code values} is a Java array matching {@code elementType}: {@code int[]} for
 * UINT8/INT8/UINT16/INT16/INT32, {@code long[]} for UINT32/UINT64/INT64, {@code float[]},
 * {@code double[]}, {@code boolean[]}, {@code String[]}, or {@code GgufArray[]} for nested arrays.
 * Arrays are shared, not copied: callers must not modify them.
 */
public record GgufArray(GgufValueType elementType, Object values) {
    public GgufArray {
        Objects.requireNonNull(elementType, "elementType");
        Objects.requireNonNull(values, "values");
    }

    public int length() {
        return switch (values) {
            case int[] a -> a.length;
            case long[] a -> a.length;
            case float[] a -> a.length;
            case double[] a -> a.length;
            case boolean[] a -> a.length;
            case Object[] a -> a.length;
            default -> throw new IllegalStateException("not an array: " + values.getClass());
        };
    }

    public static GgufArray ofStrings(String... v) {
        return new GgufArray(GgufValueType.STRING, v);
    }

    public static GgufArray ofFloats(float... v) {
        return new GgufArray(GgufValueType.FLOAT32, v);
    }

    public static GgufArray ofInt32s(int... v) {
        return new GgufArray(GgufValueType.INT32, v);
    }
}
