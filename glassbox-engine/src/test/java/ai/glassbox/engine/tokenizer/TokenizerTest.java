package ai.glassbox.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.gguf.GgufArray;
import ai.glassbox.engine.gguf.GgufMetadata;
import ai.glassbox.engine.gguf.GgufValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Special tokens, end-of-generation, token bytes and errors. */
class TokenizerTest {
    private static Tokenizer qwen2() {
        return VocabTestVectors.tokenizer("qwen2");
    }

    private static Tokenizer llama3() {
        return VocabTestVectors.tokenizer("llama-bpe");
    }

    private static Tokenizer spm() {
        return VocabTestVectors.tokenizer("llama-spm");
    }

    private static int id(Tokenizer tok, String piece) {
        return tok.tokenId(piece).orElseThrow(() -> new AssertionError("no piece " + piece));
    }

    @Test
    void specialTokenIdsComeFromMetadata() {
        assertEquals(OptionalInt.of(151643), qwen2().bos());
        assertEquals(OptionalInt.of(151645), qwen2().eos());
        assertEquals(OptionalInt.of(151645), qwen2().eot());
        assertEquals(OptionalInt.of(128000), llama3().bos());
        assertEquals(OptionalInt.of(128009), llama3().eot());
        assertEquals(OptionalInt.of(1), spm().bos());
        assertEquals(OptionalInt.of(2), spm().eos());
    }

    @Test
    void endOfTurnIsFoundByTextWhenMetadataHasNone() {
        Tokenizer gpt2 = VocabTestVectors.tokenizer("gpt-2");
        assertEquals(OptionalInt.of(id(gpt2, "<|endoftext|>")), gpt2.eot());
        assertTrue(gpt2.isEndOfGeneration(50256));
    }

    @Test
    void endOfGenerationCoversEosEotAndChatEndMarkers() {
        Tokenizer q = qwen2();
        for (String piece : new String[] {"<|im_end|>", "<|endoftext|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>"}) {
            assertTrue(q.isEndOfGeneration(id(q, piece)), piece);
        }
        assertFalse(q.isEndOfGeneration(id(q, "<|im_start|>")));
        assertFalse(q.isEndOfGeneration(id(q, "Hello")));
        Tokenizer l = llama3();
        for (String piece : new String[] {"<|eot_id|>", "<|end_of_text|>"}) assertTrue(l.isEndOfGeneration(id(l, piece)), piece);
        assertFalse(l.isEndOfGeneration(id(l, "<|begin_of_text|>")));
        assertTrue(spm().isEndOfGeneration(2));
        assertFalse(spm().isEndOfGeneration(1));
    }

    @Test
    void addSpecialAddsBosOnlyWhereTheVocabularyAsksForIt() {
        assertEquals(128000, llama3().encode("Hi", true, false)[0]);
        assertArrayEquals(qwen2().encode("Hi", false, false), qwen2().encode("Hi", true, false), "qwen2 has add_bos_token false");
        Tokenizer gpt2 = VocabTestVectors.tokenizer("gpt-2");
        assertFalse(gpt2.addsBos(), "a gpt2 vocabulary without add_bos_token adds no BOS");
        assertArrayEquals(new int[] {1}, spm().encode("", true, false));
        assertArrayEquals(new int[0], spm().encode("", false, false));
    }

    @Test
    void controlTokensInTextAreParsedOnlyWhenAsked() {
        Tokenizer q = qwen2();
        int imStart = id(q, "<|im_start|>");
        assertArrayEquals(new int[] {imStart}, q.encode("<|im_start|>", false, true));
        int[] asText = q.encode("<|im_start|>", false, false);
        assertTrue(asText.length > 1, "tokenized as text");
        assertEquals("<|im_start|>", q.decode(asText));
    }

    @Test
    void userDefinedTokensAreSplitOutEvenWithoutParsingSpecialTokens() {
        Tokenizer q = qwen2();
        assertArrayEquals(new int[] {id(q, "<think>")}, q.encode("<think>", false, false));
    }

    @Test
    void longerSpecialTokenWinsOverAShorterOneInsideIt() {
        Tokenizer l = llama3();
        int[] ids = l.encode("<|start_header_id|>user<|end_header_id|>", false, true);
        assertEquals(id(l, "<|start_header_id|>"), ids[0]);
        assertEquals(id(l, "<|end_header_id|>"), ids[ids.length - 1]);
    }

    @Test
    void tokenBytesUndoSentencePieceAndByteLevelEncodings() {
        assertArrayEquals("\n".getBytes(StandardCharsets.UTF_8), spm().tokenBytes(id(spm(), "<0x0A>")));
        assertArrayEquals(" the".getBytes(StandardCharsets.UTF_8), spm().tokenBytes(id(spm(), "▁the")));
        assertArrayEquals(" the".getBytes(StandardCharsets.UTF_8), llama3().tokenBytes(id(llama3(), "Ġthe")));
        assertArrayEquals(new byte[] {(byte) 0xF0}, llama3().tokenBytes(id(llama3(), "ð")));
    }

    @Test
    void controlTokensRenderAsTextOnlyWhenAsked() {
        assertEquals("<s>", new String(spm().tokenBytes(1, true), StandardCharsets.UTF_8));
        assertEquals(0, spm().tokenBytes(1, false).length);
        assertEquals("<unk>", new String(spm().tokenBytes(0, true), StandardCharsets.UTF_8));
        assertEquals(" Hi", spm().decode(spm().encode("Hi", true, false), false));
        assertEquals("<think>", new String(qwen2().tokenBytes(id(qwen2(), "<think>"), false), StandardCharsets.UTF_8), "user-defined always renders");
    }

    @Test
    void unusedTokensRenderAsNothing() {
        Tokenizer q = qwen2();
        assertEquals(0, q.tokenBytes(id(q, "[PAD151669]"), true).length);
    }

    @Test
    void pieceAndTokenIdAreInverse() {
        Tokenizer q = qwen2();
        assertEquals(151936, q.vocabSize());
        for (int id : new int[] {0, 9707, 151643, 151935}) assertEquals(OptionalInt.of(id), q.tokenId(q.piece(id)));
        assertEquals(OptionalInt.empty(), q.tokenId("no such piece at all"));
    }

    @Test
    void idsOutsideTheVocabularyAreRejectedWithIdAndSize() {
        Tokenizer q = qwen2();
        var e = assertThrows(IllegalArgumentException.class, () -> q.decode(new int[] {5, 151936}));
        assertTrue(e.getMessage().contains("151936") && e.getMessage().contains("151936 tokens"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> q.piece(-1));
        assertThrows(IllegalArgumentException.class, () -> q.isEndOfGeneration(200_000));
        assertThrows(IllegalArgumentException.class, () -> q.streamingDecoder(true).accept(-3));
    }

    @Test
    void unknownPreTokenizerIsRejectedListingTheSupportedOnes() {
        var e = assertThrows(TokenizerFormatException.class, () -> Tokenizer.fromGguf(bpeMetadata("klingon")));
        assertTrue(e.getMessage().contains("tokenizer.ggml.pre") && e.getMessage().contains("klingon") && e.getMessage().contains("qwen2"), e.getMessage());
    }

    @Test
    void missingPreTokenizerFallsBackToDefaultLikeLlamaCpp() {
        Tokenizer tok = Tokenizer.fromGguf(bpeMetadata(null));
        assertArrayEquals(new int[] {4}, tok.encode("abc", false, false));
    }

    @Test
    void bpeMergesFollowRankOrder() {
        Tokenizer tok = Tokenizer.fromGguf(bpeMetadata("gpt-2"));
        assertArrayEquals(new int[] {4}, tok.encode("abc", false, false));
        assertArrayEquals(new int[] {3, 3}, tok.encode("abab", false, false));
    }

    @Test
    void malformedMetadataIsRejectedNamingTheKey() {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("tokenizer.ggml.model", GgufValue.ofString("gpt2"));
        var missingTokens = assertThrows(TokenizerFormatException.class, () -> Tokenizer.fromGguf(new GgufMetadata(m)));
        assertTrue(missingTokens.getMessage().contains("tokenizer.ggml.tokens"), missingTokens.getMessage());

        m.put("tokenizer.ggml.tokens", GgufValue.ofArray(GgufArray.ofStrings("a", "b")));
        var missingMerges = assertThrows(TokenizerFormatException.class, () -> Tokenizer.fromGguf(new GgufMetadata(m)));
        assertTrue(missingMerges.getMessage().contains("tokenizer.ggml.merges"), missingMerges.getMessage());

        m.put("tokenizer.ggml.model", GgufValue.ofString("wordpiece-ish"));
        var model = assertThrows(TokenizerFormatException.class, () -> Tokenizer.fromGguf(new GgufMetadata(m)));
        assertTrue(model.getMessage().contains("tokenizer.ggml.model") && model.getMessage().contains("llama"), model.getMessage());

        m.put("tokenizer.ggml.model", GgufValue.ofString("llama"));
        m.put("tokenizer.ggml.token_type", GgufValue.ofArray(GgufArray.ofInt32s(1)));
        var types = assertThrows(TokenizerFormatException.class, () -> Tokenizer.fromGguf(new GgufMetadata(m)));
        assertTrue(types.getMessage().contains("tokenizer.ggml.token_type"), types.getMessage());

        m.put("tokenizer.ggml.tokens", GgufValue.ofArray(GgufArray.ofStrings("a", "a")));
        m.remove("tokenizer.ggml.token_type");
        var duplicate = assertThrows(TokenizerFormatException.class, () -> Tokenizer.fromGguf(new GgufMetadata(m)));
        assertTrue(duplicate.getMessage().contains("tokenizer.ggml.tokens") && duplicate.getMessage().contains("ids 0 and 1"), duplicate.getMessage());
    }

    @Test
    void addBosWithoutABosTokenIsRejected() {
        Map<String, GgufValue> m = new LinkedHashMap<>(bpeMetadata("gpt-2").entries());
        m.put("tokenizer.ggml.add_bos_token", GgufValue.ofBool(true));
        var e = assertThrows(TokenizerFormatException.class, () -> Tokenizer.fromGguf(new GgufMetadata(m)));
        assertTrue(e.getMessage().contains("tokenizer.ggml.add_bos_token"), e.getMessage());
    }

    /** A five-token byte-level vocabulary: a b c ab abc, merges "a b" then "ab c". */
    private static GgufMetadata bpeMetadata(String pre) {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("tokenizer.ggml.model", GgufValue.ofString("gpt2"));
        if (pre != null) m.put("tokenizer.ggml.pre", GgufValue.ofString(pre));
        m.put("tokenizer.ggml.tokens", GgufValue.ofArray(GgufArray.ofStrings("a", "b", "c", "ab", "abc")));
        m.put("tokenizer.ggml.merges", GgufValue.ofArray(GgufArray.ofStrings("a b", "ab c")));
        return new GgufMetadata(m);
    }
}
