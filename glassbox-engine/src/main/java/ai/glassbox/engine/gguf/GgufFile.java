package ai.glassbox.engine.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * An open GGUF file: its metadata, its tensor directory and its memory-mapped tensor data.
 *
 * <p>The file is mapped read-only into an {@link Arena} this object owns; tensor data is handed out
 * as slices of that mapping and never copied to the heap. Slices become invalid after
 * {@link #close()}. Safe to read from many threads; {@code close} must not race with reads.
 */
public final class GgufFile implements AutoCloseable {
    /** {@code general.alignment} when the file does not set it. */
    public static final int DEFAULT_ALIGNMENT = 32;

    private final Path path;
    private final int version;
    private final GgufMetadata metadata;
    private final SequencedMap<String, TensorInfo> tensors;
    private final long tensorDataOffset;
    private final int alignment;
    private final Arena arena;
    private final MemorySegment mapping;

    GgufFile(Path path, int version, GgufMetadata metadata, List<TensorInfo> tensors, long tensorDataOffset, int alignment, Arena arena, MemorySegment mapping) {
        this.path = path;
        this.version = version;
        this.metadata = metadata;
        var byName = new LinkedHashMap<String, TensorInfo>();
        for (TensorInfo t : tensors) byName.put(t.name(), t);
        this.tensors = Collections.unmodifiableSequencedMap(byName);
        this.tensorDataOffset = tensorDataOffset;
        this.alignment = alignment;
        this.arena = arena;
        this.mapping = mapping;
    }

    /**
     * Opens and validates a GGUF v2 or v3 file.
     *
     * @throws GgufFormatException naming the byte offset and field of the first problem found
     * @throws UncheckedIOException if the file cannot be read
     */
    public static GgufFile open(Path path) {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment mapping = size == 0 ? MemorySegment.NULL.reinterpret(0) : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return GgufReader.read(path, mapping, arena);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** GGUF format version (2 or 3). */
    public int version() {
        return version;
    }

    public GgufMetadata metadata() {
        return metadata;
    }

    /** The tensor directory, in file order. */
    public SequencedMap<String, TensorInfo> tensors() {
        return tensors;
    }

    public Optional<TensorInfo> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** Absolute byte offset of the tensor data section. */
    public long tensorDataOffset() {
        return tensorDataOffset;
    }

    public int alignment() {
        return alignment;
    }

    /** Size of the file in bytes. */
    public long fileSize() {
        return mapping.byteSize();
    }

    /** The bytes of one tensor, a read-only slice of the mapping. */
    public MemorySegment data(TensorInfo tensor) {
        return mapping.asSlice(tensorDataOffset + tensor.dataOffset(), tensor.byteSize()).asReadOnly();
    }

    /** The whole mapped file, read-only. */
    public MemorySegment mapping() {
        return mapping.asReadOnly();
    }

    /** Metadata entries as plain Java values, for display. */
    public Map<String, Object> metadataValues() {
        var m = new LinkedHashMap<String, Object>();
        metadata.entries().forEach((k, v) -> m.put(k, v.value()));
        return m;
    }

    @Override
    public void close() {
        arena.close();
    }
}
