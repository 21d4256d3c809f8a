package ai.glassbox.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.glassbox.testkit.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GgufWriterTest {
    @TempDir
    Path dir;

    /** Reading a llama.cpp file and writing it back with the same content reproduces every byte. */
    @ParameterizedTest
    @ValueSource(strings = {
        "stories260K.gguf", "stories260K-Q8_0-ffndownF32.gguf", "tiny-llama-F32.gguf", "tiny-llama-Q4_0.gguf", "tiny-llama-Q4_K.gguf",
        "tiny-llama-Q6_K.gguf", "tiny-llama-Q8_0.gguf", "tiny-llama3-Q8_0.gguf", "tiny-qwen2-F32.gguf", "tiny-qwen2-Q4_0.gguf",
        "tiny-qwen2-Q4_K.gguf", "tiny-qwen2-Q6_K.gguf", "tiny-qwen2-Q8_0.gguf", "tiny-qwen25-Q8_0.gguf", "tiny-qwen3-F32.gguf",
        "tiny-qwen3-Q4_0.gguf", "tiny-qwen3-Q8_0.gguf"})
    void rewritingASharedModelIsByteIdentical(String name) throws IOException {
        Path in = Shared.model(name);
        Path out = dir.resolve(name);
        try (var f = GgufFile.open(in)) {
            GgufWriter.copy(f, out);
        }
        assertEquals(-1L, Files.mismatch(in, out), () -> name + " differs at byte " + mismatch(in, out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ggml-vocab-llama-spm.gguf", "ggml-vocab-qwen2.gguf", "ggml-vocab-gpt-2.gguf"})
    void rewritingAVocabularyFileIsByteIdentical(String name) throws IOException {
        Path in = Shared.vocab(name);
        Path out = dir.resolve(name);
        try (var f = GgufFile.open(in)) {
            GgufWriter.copy(f, out);
        }
        assertEquals(-1L, Files.mismatch(in, out), () -> name + " differs at byte " + mismatch(in, out));
    }

    @Test
    void everyValueTypeAndNestedArraysSurviveARoundTrip() {
        var m = new LinkedHashMap<String, GgufValue>();
        m.put("u8", new GgufValue(GgufValueType.UINT8, 255));
        m.put("i8", new GgufValue(GgufValueType.INT8, -128));
        m.put("u16", new GgufValue(GgufValueType.UINT16, 65535));
        m.put("i16", new GgufValue(GgufValueType.INT16, -32768));
        m.put("u32", GgufValue.ofUInt32(4294967295L));
        m.put("i32", GgufValue.ofInt32(-7));
        m.put("f32", GgufValue.ofFloat32(1.5f));
        m.put("bool", GgufValue.ofBool(true));
        m.put("str", GgufValue.ofString("héllo"));
        m.put("u64", new GgufValue(GgufValueType.UINT64, -1L));
        m.put("i64", new GgufValue(GgufValueType.INT64, Long.MIN_VALUE));
        m.put("f64", new GgufValue(GgufValueType.FLOAT64, Math.PI));
        m.put("strs", GgufValue.ofArray(GgufArray.ofStrings("a", "", "ccc")));
        m.put("u32s", GgufValue.ofArray(new GgufArray(GgufValueType.UINT32, new long[] {1, 4294967295L})));
        m.put("bools", GgufValue.ofArray(new GgufArray(GgufValueType.BOOL, new boolean[] {true, false})));
        m.put("nested", GgufValue.ofArray(new GgufArray(GgufValueType.ARRAY, new GgufArray[] {GgufArray.ofInt32s(1, 2), GgufArray.ofFloats(3f), GgufArray.ofStrings()})));
        m.put("general.alignment", GgufValue.ofUInt32(64));
        Path out = dir.resolve("all.gguf");
        var tensors = List.of(new GgufWriter.Tensor("a", GgmlType.F32, new long[] {3}), new GgufWriter.Tensor("b", GgmlType.Q8_0, new long[] {32, 2}));
        try (var w = GgufWriter.create(out, new GgufMetadata(m), tensors)) {
            w.write(new byte[12], 0, 12);
            byte[] q = new byte[68];
            q[67] = 42;
            w.write(q, 0, 30);
            w.write(q, 30, 38);
        }
        try (var f = GgufFile.open(out)) {
            assertEquals(64, f.alignment());
            assertEquals(m.keySet(), f.metadata().entries().keySet());
            for (var e : m.entrySet()) {
                var got = f.metadata().get(e.getKey()).orElseThrow();
                assertEquals(e.getValue().type(), got.type(), e.getKey());
                if (!(got.value() instanceof GgufArray)) assertEquals(e.getValue().value(), got.value(), e.getKey());
            }
            var nested = (GgufArray[]) f.metadata().array("nested").orElseThrow().values();
            assertArrayEquals(new int[] {1, 2}, (int[]) nested[0].values());
            assertArrayEquals(new float[] {3f}, (float[]) nested[1].values());
            assertEquals(64, f.tensor("b").orElseThrow().dataOffset());
            assertEquals(42, f.data(f.tensor("b").orElseThrow()).get(java.lang.foreign.ValueLayout.JAVA_BYTE, 67));
            assertEquals(0, f.tensorDataOffset() % 64);
        }
    }

    @Test
    void closingBeforeAllDataIsWrittenFailsAndDeletesTheFile() {
        Path out = dir.resolve("short.gguf");
        var w = GgufWriter.create(out, new GgufMetadata(new LinkedHashMap<>()), List.of(new GgufWriter.Tensor("t", GgmlType.F32, new long[] {4})));
        w.write(new byte[8], 0, 8);
        var e = assertThrows(IllegalStateException.class, w::close);
        assertEquals(true, e.getMessage().contains("'t'"));
        assertEquals(false, Files.exists(out));
    }

    @Test
    void writingPastTheLastTensorFails() {
        Path out = dir.resolve("long.gguf");
        try (var w = GgufWriter.create(out, new GgufMetadata(new LinkedHashMap<>()), List.of(new GgufWriter.Tensor("t", GgmlType.F32, new long[] {1})))) {
            assertThrows(IllegalStateException.class, () -> w.write(new byte[8], 0, 8));
        } catch (IllegalStateException expectedOnClose) {
            // the first 4 bytes were accepted, so the file is complete; nothing else to check
        }
    }

    @Test
    void aValueOfTheWrongJavaTypeNamesTheKey() {
        var m = new LinkedHashMap<String, GgufValue>();
        m.put("bad.key", new GgufValue(GgufValueType.FLOAT32, "x"));
        var e = assertThrows(IllegalArgumentException.class, () -> GgufWriter.create(dir.resolve("bad.gguf"), new GgufMetadata(m), List.of()));
        assertEquals(true, e.getMessage().contains("bad.key"));
    }

    private static long mismatch(Path a, Path b) {
        try {
            return Files.mismatch(a, b);
        } catch (IOException e) {
            return -2;
        }
    }
}
