package ai.glassbox.engine.gguf;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor's entry in the GGUF header.
 *
 * @param name tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param type element type
 * @param shape dimensions in ggml order: {@code shape[0]} is the row length (contiguous)
 * @param dataOffset byte offset of the data, relative to the start of the tensor data section
 */
public record TensorInfo(String name, GgmlType type, long[] shape, long dataOffset) {
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = shape.clone();
        if (dataOffset < 0) throw new IllegalArgumentException(name + ": negative data offset " + dataOffset);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code i} (1 beyond the tensor's rank). */
    public long dim(int i) {
        return i < shape.length ? shape[i] : 1;
    }

    public int rank() {
        return shape.length;
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) n = Math.multiplyExact(n, d);
        return n;
    }

    public long byteSize() {
        return type.byteSize(elementCount());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && type == t.type && Arrays.equals(shape, t.shape) && dataOffset == t.dataOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), dataOffset);
    }

    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(shape) + " @" + dataOffset;
    }
}
