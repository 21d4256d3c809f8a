package ai.glassbox.engine.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The key/value metadata of a GGUF file, in file order, with typed accessors that accept any
 * integer or float encoding a converter may have chosen (llama.cpp is equally lenient).
 */
public final class GgufMetadata {
    private final SequencedMap<String, GgufValue> entries;

    public GgufMetadata(Map<String, GgufValue> entries) {
        this.entries = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(entries));
    }

    /** All entries, in file order. */
    public SequencedMap<String, GgufValue> entries() {
        return entries;
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public Optional<String> string(String key) {
        return get(key).map(v -> v.value() instanceof String s ? s : fail(key, v, "a string"));
    }

    public Optional<Long> integer(String key) {
        return get(key).map(v -> switch (v.value()) {
            case Integer i -> (long) i;
            case Long l -> l;
            case Boolean b -> b ? 1L : 0L;
            default -> fail(key, v, "an integer");
        });
    }

    public Optional<Integer> int32(String key) {
        return integer(key).map(l -> {
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw new IllegalArgumentException("metadata " + key + " = " + l + " does not fit in 32 bits");
            return l.intValue();
        });
    }

    public Optional<Float> float32(String key) {
        return get(key).map(v -> switch (v.value()) {
            case Float f -> f;
            case Double d -> d.floatValue();
            case Integer i -> (float) i;
            case Long l -> (float) l;
            default -> fail(key, v, "a number");
        });
    }

    public Optional<Boolean> bool(String key) {
        return get(key).map(v -> switch (v.value()) {
            case Boolean b -> b;
            case Integer i -> i != 0;
            default -> fail(key, v, "a boolean");
        });
    }

    public Optional<GgufArray> array(String key) {
        return get(key).map(v -> v.value() instanceof GgufArray a ? a : fail(key, v, "an array"));
    }

    public Optional<String[]> strings(String key) {
        return array(key).map(a -> a.values() instanceof String[] s ? s : fail(key, new GgufValue(GgufValueType.ARRAY, a), "an array of strings"));
    }

    /** A numeric array as floats (scores); integer arrays are converted. */
    public Optional<float[]> floats(String key) {
        return array(key).map(a -> switch (a.values()) {
            case float[] f -> f;
            case int[] ints -> {
                float[] f = new float[ints.length];
                for (int i = 0; i < ints.length; i++) f[i] = ints[i];
                yield f;
            }
            case double[] ds -> {
                float[] f = new float[ds.length];
                for (int i = 0; i < ds.length; i++) f[i] = (float) ds[i];
                yield f;
            }
            default -> fail(key, new GgufValue(GgufValueType.ARRAY, a), "an array of numbers");
        });
    }

    /** An integer array (token types) as ints. */
    public Optional<int[]> ints(String key) {
        return array(key).map(a -> switch (a.values()) {
            case int[] i -> i;
            case long[] ls -> {
                int[] r = new int[ls.length];
                for (int i = 0; i < ls.length; i++) r[i] = Math.toIntExact(ls[i]);
                yield r;
            }
            default -> fail(key, new GgufValue(GgufValueType.ARRAY, a), "an array of integers");
        });
    }

    private static <T> T fail(String key, GgufValue v, String expected) {
        throw new IllegalArgumentException("metadata " + key + " is " + v.type() + ", expected " + expected);
    }

    @Override
    public String toString() {
        return "GgufMetadata" + entries.keySet();
    }
}
