package ai.glassbox.engine.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a GGUF version 3 file in the layout llama.cpp's {@code gguf_write_to_file} produces: header,
 * metadata, tensor infos, zero padding up to {@code general.alignment} (32 when absent), then each
 * tensor's data followed by zero padding up to the alignment. A file without tensors ends right
 * after its tensor infos, as llama.cpp's vocabulary-only files do.
 *
 * <p>The header is written by {@link #create}; tensor data is then streamed with {@link #write} in
 * declaration order, in chunks of any size, so a large model never has to be held in memory. A
 * writer is not thread-safe. {@link #close()} checks that every declared byte was written; if not,
 * it deletes the incomplete file and throws.
 */
public final class GgufWriter implements AutoCloseable {
    /** GGUF format version this writer produces. */
    public static final int VERSION = 3;

    private static final int CHUNK_BYTES = 1 << 26;

    /**
     * A tensor to be written.
     *
     * @param name tensor name, e.g. {@code blk.0.attn_q.weight}
     * @param type element type
     * @param shape dimensions in ggml order ({@code shape[0]} is the row length), 1 to 4 of them
     */
    public record Tensor(String name, GgmlType type, long[] shape) {
        public Tensor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            shape = shape.clone();
            if (shape.length < 1 || shape.length > 4) throw new IllegalArgumentException("tensor '" + name + "' has " + shape.length + " dimensions (1 to 4 allowed)");
            for (long d : shape) if (d <= 0) throw new IllegalArgumentException("tensor '" + name + "' has dimension " + d + " in " + Arrays.toString(shape));
            if (shape[0] % type.blockSize() != 0) {
                throw new IllegalArgumentException("tensor '" + name + "' row length " + shape[0] + " is not a multiple of " + type + "'s block size " + type.blockSize());
            }
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** Bytes of data this tensor takes, without padding. */
        public long byteSize() {
            long n = 1;
            for (long d : shape) n = Math.multiplyExact(n, d);
            return type.byteSize(n);
        }

        /** The tensor described by an existing file's directory entry. */
        public static Tensor of(TensorInfo info) {
            return new Tensor(info.name(), info.type(), info.shape());
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final List<TensorInfo> infos;
    private final int alignment;
    private int current;
    private long writtenInCurrent;
    private boolean closed;

    private GgufWriter(Path path, FileChannel channel, List<TensorInfo> infos, int alignment) {
        this.path = path;
        this.channel = channel;
        this.infos = infos;
        this.alignment = alignment;
    }

    /**
     * Creates (or truncates) {@code out} and writes the header, metadata and tensor infos.
     *
     * @param metadata entries in the order they are to appear; {@code general.alignment}, if present,
     *     sets the data alignment (a power of two)
     * @param tensors tensor infos in file order; their data must then be written in that order
     * @throws IllegalArgumentException if a value does not match its declared type, a name repeats,
     *     or the alignment is invalid
     * @throws UncheckedIOException if the file cannot be written
     */
    public static GgufWriter create(Path out, GgufMetadata metadata, List<Tensor> tensors) {
        int alignment = alignment(metadata);
        var infos = new ArrayList<TensorInfo>(tensors.size());
        var names = new HashSet<String>();
        long offset = 0;
        for (Tensor t : tensors) {
            if (!names.add(t.name())) throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            infos.add(new TensorInfo(t.name(), t.type(), t.shape(), offset));
            offset = alignUp(Math.addExact(offset, t.byteSize()), alignment);
        }
        var header = new LittleEndianBytes();
        header.i32(GgufReader.MAGIC);
        header.i32(VERSION);
        header.i64(infos.size());
        header.i64(metadata.entries().size());
        for (Map.Entry<String, GgufValue> e : metadata.entries().entrySet()) {
            header.string(e.getKey());
            header.i32(e.getValue().type().id());
            MetadataEncoder.value(header, e.getKey(), e.getValue().type(), e.getValue().value(), 0);
        }
        for (TensorInfo t : infos) {
            header.string(t.name());
            header.i32(t.rank());
            for (long d : t.shape()) header.i64(d);
            header.i32(t.type().id());
            header.i64(t.dataOffset());
        }
        if (!infos.isEmpty()) header.zeros((int) (alignUp(header.size(), alignment) - header.size()));
        FileChannel ch = null;
        try {
            ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            writeFully(ch, ByteBuffer.wrap(header.array(), 0, header.size()));
            var writer = new GgufWriter(out, ch, List.copyOf(infos), alignment);
            writer.skipEmptyTensors();
            return writer;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a copy of {@code source}: its metadata, tensor infos (in file order) and tensor data,
     * laid out as llama.cpp would lay them out.
     */
    public static void copy(GgufFile source, Path out) {
        var tensors = source.tensors().values().stream().map(Tensor::of).toList();
        try (var w = create(out, source.metadata(), tensors)) {
            for (TensorInfo t : source.tensors().values()) w.write(source.data(t));
        }
    }

    /** The tensor directory as written, with data offsets relative to the data section. */
    public List<TensorInfo> tensorInfos() {
        return infos;
    }

    /** The data alignment in bytes. */
    public int alignment() {
        return alignment;
    }

    /**
     * Appends tensor data. Bytes fill the current tensor, then the next one, in declaration order;
     * padding is inserted automatically.
     *
     * @throws IllegalStateException if more bytes are written than the tensors declare
     * @throws UncheckedIOException if the file cannot be written
     */
    public void write(MemorySegment bytes) {
        if (closed) throw new IllegalStateException("writer for " + path + " is closed");
        long done = 0;
        long total = bytes.byteSize();
        try {
            while (done < total) {
                if (current >= infos.size()) {
                    throw new IllegalStateException(path + ": " + (total - done) + " bytes written past the end of the last tensor");
                }
                TensorInfo t = infos.get(current);
                long n = Math.min(Math.min(t.byteSize() - writtenInCurrent, total - done), CHUNK_BYTES);
                writeFully(channel, bytes.asSlice(done, n).asByteBuffer());
                done += n;
                writtenInCurrent += n;
                if (writtenInCurrent == t.byteSize()) finishTensor(t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Appends tensor data from an array; see {@link #write(MemorySegment)}. */
    public void write(byte[] bytes, int offset, int length) {
        write(MemorySegment.ofArray(bytes).asSlice(offset, length));
    }

    private void finishTensor(TensorInfo t) throws IOException {
        long end = t.dataOffset() + t.byteSize();
        int pad = (int) (alignUp(end, alignment) - end);
        if (pad > 0) writeFully(channel, ByteBuffer.allocate(pad));
        current++;
        writtenInCurrent = 0;
        skipEmptyTensors();
    }

    private void skipEmptyTensors() {
        while (current < infos.size() && infos.get(current).byteSize() == 0) current++;
    }

    /**
     * Closes the file.
     *
     * @throws IllegalStateException if some tensor data was not written; the incomplete file is deleted
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
        }
        if (current < infos.size()) {
            TensorInfo t = infos.get(current);
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // the missing-data error below is the one to report
            }
            throw new IllegalStateException(path + ": tensor '" + t.name() + "' got " + writtenInCurrent + " of " + t.byteSize() + " bytes; incomplete file deleted");
        }
    }

    private static int alignment(GgufMetadata metadata) {
        var v = metadata.get("general.alignment");
        if (v.isEmpty()) return GgufFile.DEFAULT_ALIGNMENT;
        long a = metadata.integer("general.alignment").orElseThrow();
        if (a <= 0 || a > (1 << 20) || Long.bitCount(a) != 1) throw new IllegalArgumentException("general.alignment " + a + " is not a power of two up to 2^20");
        return (int) a;
    }

    private static long alignUp(long x, int a) {
        return (x + a - 1) / a * a;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException e) {
            // already failing; the original error is reported
        }
    }

    /** A growable little-endian byte buffer for the header. */
    static final class LittleEndianBytes {
        private byte[] buf = new byte[1 << 16];
        private int size;

        int size() {
            return size;
        }

        byte[] array() {
            return buf;
        }

        private void ensure(int n) {
            if (n > buf.length - size) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, Math.addExact(size, n)));
        }

        void i8(int v) {
            ensure(1);
            buf[size++] = (byte) v;
        }

        void i16(int v) {
            ensure(2);
            buf[size++] = (byte) v;
            buf[size++] = (byte) (v >>> 8);
        }

        void i32(int v) {
            ensure(4);
            for (int i = 0; i < 4; i++) buf[size++] = (byte) (v >>> (8 * i));
        }

        void i64(long v) {
            ensure(8);
            for (int i = 0; i < 8; i++) buf[size++] = (byte) (v >>> (8 * i));
        }

        /** A UINT32 takes four bytes, UINT64 and INT64 eight. */
        void i64OrI32(GgufValueType type, long v) {
            if (type == GgufValueType.UINT32) i32((int) v);
            else i64(v);
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void zeros(int n) {
            ensure(n);
            size += n; // the buffer is zero beyond size: it only grows and is never rewound
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            bytes(b);
        }
    }
}
