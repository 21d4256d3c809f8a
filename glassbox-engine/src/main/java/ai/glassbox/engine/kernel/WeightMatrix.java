package ai.glassbox.engine.kernel;

import ai.glassbox.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A row-major weight matrix in a GGUF tensor: {@code rows} rows of {@code cols} elements of
 * {@code type}, each row {@code rowBytes} bytes, memory-mapped (never copied).
 *
 * @param name tensor name, for error messages
 */
public record WeightMatrix(String name, GgmlType type, MemorySegment data, int rows, int cols) {
    public WeightMatrix {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (rows <= 0 || cols <= 0) throw new IllegalArgumentException(name + ": bad shape " + cols + "x" + rows);
        if (cols % type.blockSize() != 0) throw new IllegalArgumentException(name + ": " + cols + " columns is not a multiple of " + type + "'s block size");
        if (data.byteSize() < (long) rows * type.byteSize(cols)) throw new IllegalArgumentException(name + ": data too short for " + cols + "x" + rows + " " + type);
    }

    /** Bytes of one row. */
    public long rowBytes() {
        return type.byteSize(cols);
    }
}
