package ai.glassbox.engine.kernel;

import ai.glassbox.engine.gguf.GgmlType;

/**
 * An activation vector prepared for dot products with one weight type: the floats themselves for
 * float weights, or 8-bit blocks for quantized weights. Reused across tokens: allocate once per
 * inference session with the largest {@code n} it will hold. Not thread-safe to prepare; safe to
 * read from many threads once prepared.
 */
public final class Activations {
    final int capacity;
    /** The float values (always kept, also for quantized weights). */
    final float[] f32;
    /** Number of valid elements. */
    int n;
    /** The weight type these activations were last prepared for. */
    GgmlType preparedFor;

    public Activations(int capacity) {
        this.capacity = capacity;
        this.f32 = new float[capacity];
    }

    public int size() {
        return n;
    }
}
