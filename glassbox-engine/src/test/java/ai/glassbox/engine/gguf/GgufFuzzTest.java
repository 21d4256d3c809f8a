package ai.glassbox.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.glassbox.testkit.Shared;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutates the shared GGUF files and checks that the reader either accepts a mutant (and then every
 * tensor slice is readable) or rejects it with a {@link GgufFormatException} naming a byte offset:
 * never another exception, an out-of-memory error or a hang.
 *
 * <p>Mutants are parsed from memory. Each one is derived from (seed, file, index) alone, so a
 * failure is reproduced by {@code -Dglassbox.fuzz.seed=SEED}; the default seed is random and printed.
 * {@code -Dglassbox.fuzz.millisPerFile} bounds the time spent on one file (default 600).
 */
class GgufFuzzTest {
    private static final long SEED = Long.getLong("glassbox.fuzz.seed", new SplittableRandom().nextLong());
    private static final long MILLIS_PER_FILE = Long.getLong("glassbox.fuzz.millisPerFile", 600);
    private static final int MAX_MUTANTS_PER_FILE = 2000;
    private static final long[] HOSTILE_LONGS = {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, 1L << 62, 1L << 40, 1L << 32, 0xFFFFFFFFL, 1L << 31, 4097};

    static Stream<Path> files() throws IOException {
        var all = new ArrayList<Path>();
        for (String dir : List.of("models", "vocab")) {
            try (var s = Files.list(Shared.root().resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".gguf")).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("files")
    void mutantsOpenOrFailWithAByteOffset(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        long headerEnd;
        try (var f = GgufFile.open(file)) {
            headerEnd = Math.min(original.length, f.tensorDataOffset());
        }
        byte[] work = original.clone();
        byte[] grown = java.util.Arrays.copyOf(original, original.length + 256);
        int[] counts = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long deadline = System.nanoTime() + MILLIS_PER_FILE * 1_000_000;
            // every few bytes of the header, truncated
            for (int cut = 0; cut < headerEnd && cut < 4096; cut += 3) {
                check(file, "truncate at " + cut, MemorySegment.ofArray(work).asSlice(0, cut), counts);
            }
            for (int i = 0; i < MAX_MUTANTS_PER_FILE && System.nanoTime() < deadline; i++) {
                mutant(file, i, original, work, grown, headerEnd, counts);
            }
        }, () -> "hang; reproduce with -Dglassbox.fuzz.seed=" + SEED + " -Dtest=GgufFuzzTest");
        System.out.printf("fuzz seed %d: %s: %d mutants opened, %d rejected%n", SEED, file.getFileName(), counts[0], counts[1]);
        assertTrue(counts[0] + counts[1] > 100);
    }

    private static void mutant(Path file, int index, byte[] original, byte[] work, byte[] grown, long headerEnd, int[] counts) {
        var rnd = new SplittableRandom(SEED ^ file.getFileName().toString().hashCode() * 0x9E3779B97F4A7C15L ^ index * 0xBF58476D1CE4E5B9L);
        int len = original.length;
        // mutations concentrate on the header, where the parser's decisions are
        int at = (int) (rnd.nextInt(10) < 8 && headerEnd > 0 ? rnd.nextLong(headerEnd) : rnd.nextInt(len));
        String what;
        MemorySegment seg = MemorySegment.ofArray(work);
        int kind = rnd.nextInt(7);
        switch (kind) {
            case 0 -> {
                int bit = rnd.nextInt(8);
                work[at] ^= (byte) (1 << bit);
                what = "flip bit " + bit + " of byte " + at;
            }
            case 1, 2 -> {
                int v = switch (rnd.nextInt(3)) {
                    case 0 -> 0x00;
                    case 1 -> 0xFF;
                    default -> rnd.nextInt(256);
                };
                work[at] = (byte) v;
                what = "byte " + at + " = " + v;
            }
            case 3 -> {
                long v = rnd.nextInt(3) == 0 ? rnd.nextLong() : HOSTILE_LONGS[rnd.nextInt(HOSTILE_LONGS.length)];
                at = Math.min(at, len - 8);
                ByteBuffer.wrap(work, at, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
                what = "8 bytes at " + at + " = " + v;
            }
            case 4 -> {
                int v = rnd.nextInt(3) == 0 ? rnd.nextInt() : rnd.nextInt(-2, 40);
                at = Math.min(at, len - 4);
                ByteBuffer.wrap(work, at, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
                what = "4 bytes at " + at + " = " + v;
            }
            case 5 -> {
                int cut = rnd.nextInt(len);
                seg = seg.asSlice(0, cut);
                what = "truncate at " + cut;
            }
            default -> {
                int extra = 1 + rnd.nextInt(256);
                for (int i = 0; i < extra; i++) grown[len + i] = (byte) rnd.nextInt(256);
                seg = MemorySegment.ofArray(grown).asSlice(0, len + extra);
                what = "append " + extra + " random bytes";
            }
        }
        try {
            check(file, "mutant " + index + ": " + what, seg, counts);
        } finally {
            System.arraycopy(original, Math.max(0, at - 8), work, Math.max(0, at - 8), Math.min(16, len - Math.max(0, at - 8)));
        }
    }

    private static void check(Path file, String what, MemorySegment bytes, int[] counts) {
        String repro = file.getFileName() + " " + what + "; reproduce with -Dglassbox.fuzz.seed=" + SEED + " -Dtest=GgufFuzzTest";
        try (Arena arena = Arena.ofConfined()) {
            GgufFile f;
            try {
                f = GgufReader.read(file, bytes, arena);
            } catch (GgufFormatException e) {
                counts[1]++;
                if (e.byteOffset() < 0 || !e.getMessage().contains("@ byte " + e.byteOffset())) fail("no byte offset in '" + e.getMessage() + "': " + repro);
                return;
            } catch (Throwable t) {
                throw new AssertionError(t + ": " + repro, t);
            }
            counts[0]++;
            try {
                for (TensorInfo t : f.tensors().values()) {
                    MemorySegment data = f.data(t);
                    if (data.byteSize() > 0) {
                        data.get(ValueLayout.JAVA_BYTE, 0);
                        data.get(ValueLayout.JAVA_BYTE, data.byteSize() - 1);
                    }
                }
            } catch (Throwable t) {
                throw new AssertionError("opened, but a tensor slice is unreadable: " + t + ": " + repro, t);
            }
        }
    }

    // ---- targeted hostile headers ----

    @Test
    void aStringLengthOf2To62IsRejectedAtItsOffset() {
        var b = header(0, 1);
        b.putLong(1L << 62);
        b.position(b.position() + 64); // enough bytes left that the key count itself is plausible
        var e = reject(b);
        assertEquals(24, e.byteOffset());
        assertTrue(e.getMessage().contains("string length 4611686018427387904"), e.getMessage());
    }

    @Test
    void anArrayCountOf2To40IsRejectedAtItsOffset() {
        var b = header(0, 1);
        key(b, "a");
        b.putInt(GgufValueType.ARRAY.id()).putInt(GgufValueType.INT32.id()).putLong(1L << 40);
        var e = reject(b);
        assertEquals(24 + 9 + 8, e.byteOffset());
        assertTrue(e.getMessage().contains("array length 1099511627776"), e.getMessage());
    }

    @Test
    void tensorDimensionsWhoseProductOverflowsAreRejected() {
        var b = header(1, 0);
        key(b, "t");
        b.putInt(3).putLong(1L << 32).putLong(1L << 32).putLong(1L << 32).putInt(0).putLong(0);
        var e = reject(b);
        assertTrue(e.getMessage().contains("'t'") && e.getMessage().contains("more elements"), e.getMessage());
    }

    @Test
    void anUnknownTypeIdNamesTheTensorAndTheType() {
        var b = header(1, 0);
        key(b, "blk.0.attn_q.weight");
        b.putInt(1).putLong(32).putInt(99).putLong(0);
        var e = reject(b);
        assertTrue(e.getMessage().contains("'blk.0.attn_q.weight'") && e.getMessage().contains("type id 99"), e.getMessage());
    }

    @Test
    void aMisalignedTensorOffsetIsRejected() {
        var b = header(1, 0);
        key(b, "t");
        b.putInt(1).putLong(8).putInt(GgmlType.F32.id()).putLong(4);
        b.position(b.position() + 128);
        var e = reject(b);
        assertTrue(e.getMessage().contains("not a multiple of the alignment 32"), e.getMessage());
    }

    @Test
    void aNonIntegerAlignmentIsAFormatError() {
        var b = header(0, 1);
        key(b, "general.alignment");
        b.putInt(GgufValueType.STRING.id());
        key(b, "32");
        var e = reject(b);
        assertEquals(24 + 8 + 17 + 4, e.byteOffset());
    }

    private static ByteBuffer header(long tensors, long kvs) {
        var b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(GgufReader.MAGIC).putInt(3).putLong(tensors).putLong(kvs);
        return b;
    }

    private static void key(ByteBuffer b, String s) {
        byte[] k = s.getBytes(StandardCharsets.UTF_8);
        b.putLong(k.length).put(k);
    }

    private static GgufFormatException reject(ByteBuffer b) {
        byte[] bytes = java.util.Arrays.copyOf(b.array(), b.position());
        try (Arena arena = Arena.ofConfined()) {
            return assertThrows(GgufFormatException.class, () -> GgufReader.read(Path.of("hostile.gguf"), MemorySegment.ofArray(bytes), arena));
        }
    }
}
