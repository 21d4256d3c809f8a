package ai.glassbox.engine.gguf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Parses a GGUF header from a mapped file. Every count and length is checked against the bytes left
 * in the file before anything is allocated, so a hostile file cannot make us allocate more than
 * the file's own size.
 */
final class GgufReader {
    static final int MAGIC = 0x46554747; // "GGUF" little-endian
    private static final int MAX_DIMS = 4; // GGML_MAX_DIMS
    private static final int MAX_ARRAY_NESTING = 8;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final MemorySegment seg;
    private final long size;
    private long pos;
    private String field = "header";
    private long alignmentValueAt = -1;

    private GgufReader(Path path, MemorySegment seg) {
        this.path = path;
        this.seg = seg;
        this.size = seg.byteSize();
    }

    static GgufFile read(Path path, MemorySegment mapping, Arena arena) {
        return new GgufReader(path, mapping).readFile(arena);
    }

    private GgufFile readFile(Arena arena) {
        field = "magic";
        int magic = i32();
        if (magic != MAGIC) throw error(0, "not a GGUF file (magic 0x%08x, expected 0x%08x \"GGUF\")".formatted(magic, MAGIC));
        field = "version";
        int version = i32();
        if (version == 1) throw error(4, "GGUF version 1 is not supported (only 2 and 3)");
        if (version < 2 || version > 3) throw error(4, "unsupported GGUF version " + Integer.toUnsignedString(version) + " (only 2 and 3)");
        field = "tensor_count";
        long tensorCount = count(i64(), 8 + 4 + 8 + 4 + 8, "tensor_count");
        field = "metadata_kv_count";
        long kvCount = count(i64(), 8 + 4, "metadata_kv_count");

        var entries = new LinkedHashMap<String, GgufValue>();
        for (long i = 0; i < kvCount; i++) {
            long at = pos;
            field = "metadata[" + i + "].key";
            String key = string();
            if (entries.containsKey(key)) throw error(at, "duplicate metadata key '" + key + "'");
            field = "metadata '" + key + "'";
            GgufValueType type = valueType();
            if (key.equals("general.alignment")) alignmentValueAt = pos;
            entries.put(key, new GgufValue(type, value(type, 0)));
        }
        var metadata = new GgufMetadata(entries);
        int alignment = alignment(metadata);

        var tensors = new ArrayList<TensorInfo>((int) tensorCount);
        var names = new HashSet<String>();
        var infoOffsets = new long[(int) tensorCount];
        for (int i = 0; i < tensorCount; i++) {
            infoOffsets[i] = pos;
            tensors.add(tensorInfo(i, names));
        }
        long dataOffset = alignUp(pos, alignment);
        if (dataOffset > size && tensorCount > 0) throw error(pos, "file ends before the tensor data section (expected at byte " + dataOffset + ")");
        long dataSize = size - Math.min(dataOffset, size);
        for (int i = 0; i < tensors.size(); i++) {
            TensorInfo t = tensors.get(i);
            if (t.dataOffset() % alignment != 0) {
                throw error(infoOffsets[i], "tensor '" + t.name() + "' data offset " + t.dataOffset() + " is not a multiple of the alignment " + alignment);
            }
            long bytes = t.byteSize();
            if (t.dataOffset() > dataSize || bytes > dataSize - t.dataOffset()) {
                throw error(dataOffset + t.dataOffset(), "tensor '" + t.name() + "' (" + bytes + " bytes at data offset " + t.dataOffset() + ") extends past the end of the file (" + size + " bytes)");
            }
        }
        return new GgufFile(path, version, metadata, tensors, dataOffset, alignment, arena, seg);
    }

    private int alignment(GgufMetadata metadata) {
        var v = metadata.get("general.alignment");
        if (v.isEmpty()) return GgufFile.DEFAULT_ALIGNMENT;
        field = "metadata 'general.alignment'";
        // metadata.integer would throw IllegalArgumentException for a string or float; a corrupt file must get a format error
        if (!(v.get().value() instanceof Integer || v.get().value() instanceof Long)) {
            throw error(alignmentValueAt, "general.alignment is a " + v.get().type() + ", expected an integer");
        }
        long a = ((Number) v.get().value()).longValue();
        if (a <= 0 || a > (1 << 20) || Long.bitCount(a) != 1) throw error(alignmentValueAt, "general.alignment " + a + " is not a power of two up to 2^20");
        return (int) a;
    }

    private TensorInfo tensorInfo(int index, HashSet<String> names) {
        long at = pos;
        field = "tensor_info[" + index + "].name";
        String name = string();
        if (!names.add(name)) throw error(at, "duplicate tensor name '" + name + "'");
        field = "tensor '" + name + "' n_dims";
        int nDims = i32();
        if (nDims < 1 || nDims > MAX_DIMS) throw error(pos - 4, "tensor '" + name + "' has " + Integer.toUnsignedString(nDims) + " dimensions (1 to " + MAX_DIMS + " allowed)");
        long[] shape = new long[nDims];
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            field = "tensor '" + name + "' ne[" + d + "]";
            long dimAt = pos;
            shape[d] = i64();
            if (shape[d] <= 0) throw error(dimAt, "tensor '" + name + "' dimension " + d + " is " + Long.toUnsignedString(shape[d]));
            // every element takes at least one bit of file space, so the file size bounds the count
            if (shape[d] > size * 8 || elements > size * 8 / shape[d]) throw error(dimAt, "tensor '" + name + "' has more elements than the file could hold");
            elements *= shape[d];
        }
        field = "tensor '" + name + "' type";
        long typeAt = pos;
        int typeId = i32();
        GgmlType type = GgmlType.byId(Integer.toUnsignedLong(typeId))
                .orElseThrow(() -> error(typeAt, "tensor '" + name + "' has unknown ggml type id " + Integer.toUnsignedString(typeId)));
        if (shape[0] % type.blockSize() != 0) {
            throw error(typeAt, "tensor '" + name + "' row length " + shape[0] + " is not a multiple of " + type + "'s block size " + type.blockSize());
        }
        field = "tensor '" + name + "' offset";
        long offAt = pos;
        long offset = i64();
        if (offset < 0 || offset > size) throw error(offAt, "tensor '" + name + "' data offset " + Long.toUnsignedString(offset) + " is beyond the file size " + size);
        return new TensorInfo(name, type, shape, offset);
    }

    private GgufValueType valueType() {
        long at = pos;
        int id = i32();
        return GgufValueType.byId(Integer.toUnsignedLong(id)).orElseThrow(() -> error(at, "unknown value type " + Integer.toUnsignedString(id)));
    }

    private Object value(GgufValueType type, int depth) {
        return switch (type) {
            case UINT8 -> Byte.toUnsignedInt(i8());
            case INT8 -> (int) i8();
            case UINT16 -> Short.toUnsignedInt(i16());
            case INT16 -> (int) i16();
            case UINT32 -> Integer.toUnsignedLong(i32());
            case INT32 -> i32();
            case FLOAT32 -> f32();
            case BOOL -> bool();
            case STRING -> string();
            case ARRAY -> array(depth);
            case UINT64, INT64 -> i64();
            case FLOAT64 -> f64();
        };
    }

    private GgufArray array(int depth) {
        if (depth >= MAX_ARRAY_NESTING) throw error(pos, "arrays nested deeper than " + MAX_ARRAY_NESTING);
        GgufValueType elem = valueType();
        long countAt = pos;
        long n = count(i64(), elem.minBytes(), "array length");
        int len = (int) n;
        Object values = switch (elem) {
            case UINT8, INT8, UINT16, INT16, INT32 -> {
                int[] a = new int[len];
                for (int i = 0; i < len; i++) a[i] = ((Number) value(elem, depth)).intValue();
                yield a;
            }
            case UINT32, UINT64, INT64 -> {
                long[] a = new long[len];
                for (int i = 0; i < len; i++) a[i] = ((Number) value(elem, depth)).longValue();
                yield a;
            }
            case FLOAT32 -> {
                float[] a = new float[len];
                for (int i = 0; i < len; i++) a[i] = f32();
                yield a;
            }
            case FLOAT64 -> {
                double[] a = new double[len];
                for (int i = 0; i < len; i++) a[i] = f64();
                yield a;
            }
            case BOOL -> {
                boolean[] a = new boolean[len];
                for (int i = 0; i < len; i++) a[i] = bool();
                yield a;
            }
            case STRING -> {
                String[] a = new String[len];
                for (int i = 0; i < len; i++) a[i] = string();
                yield a;
            }
            case ARRAY -> {
                GgufArray[] a = new GgufArray[len];
                for (int i = 0; i < len; i++) a[i] = array(depth + 1);
                yield a;
            }
        };
        assert countAt >= 0;
        return new GgufArray(elem, values);
    }

    /** Checks a count read from the file against the bytes left, given each item's minimum size. */
    private long count(long n, int minItemBytes, String what) {
        long remaining = size - pos;
        if (n < 0 || n > remaining / Math.max(1, minItemBytes) || n > Integer.MAX_VALUE - 8) {
            throw error(pos - 8, what + " " + Long.toUnsignedString(n) + " is larger than the " + remaining + " bytes left in the file allow");
        }
        return n;
    }

    private String string() {
        long at = pos;
        long len = i64();
        if (len < 0 || len > size - pos || len > Integer.MAX_VALUE - 8) {
            throw error(at, "string length " + Long.toUnsignedString(len) + " exceeds the " + (size - pos) + " bytes left in the file");
        }
        byte[] bytes = seg.asSlice(pos, len).toArray(ValueLayout.JAVA_BYTE);
        pos += len;
        // llama.cpp keeps strings as raw bytes; invalid UTF-8 (rare in vocabularies) becomes U+FFFD here.
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void need(long n) {
        if (n > size - pos) throw error(pos, "file is truncated: needs " + n + " more bytes, " + (size - pos) + " left");
    }

    private byte i8() {
        need(1);
        return seg.get(ValueLayout.JAVA_BYTE, pos++);
    }

    private boolean bool() {
        long at = pos;
        byte b = i8();
        if (b != 0 && b != 1) throw error(at, "boolean byte is " + b + ", expected 0 or 1");
        return b == 1;
    }

    private short i16() {
        need(2);
        short v = seg.get(SHORT, pos);
        pos += 2;
        return v;
    }

    private int i32() {
        need(4);
        int v = seg.get(INT, pos);
        pos += 4;
        return v;
    }

    private long i64() {
        need(8);
        long v = seg.get(LONG, pos);
        pos += 8;
        return v;
    }

    private float f32() {
        need(4);
        float v = seg.get(FLOAT, pos);
        pos += 4;
        return v;
    }

    private double f64() {
        need(8);
        double v = seg.get(DOUBLE, pos);
        pos += 8;
        return v;
    }

    private static long alignUp(long x, int a) {
        return (x + a - 1) / a * a;
    }

    private GgufFormatException error(long at, String message) {
        return new GgufFormatException(path, at, field + ": " + message);
    }
}
