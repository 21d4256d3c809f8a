package ai.glassbox.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Decoding gives back the encoded text, in one go and token by token. */
class TokenizerRoundTripTest {
    @TestFactory
    Stream<DynamicTest> bpeDecodeOfEncodeGivesBackEveryTestString() {
        return VocabTestVectors.BPE_VOCABS.stream().flatMap(vocab -> VocabTestVectors.cases(vocab).stream()
                .map(c -> DynamicTest.dynamicTest(vocab + " #" + c.index(), () -> {
                    Tokenizer tok = VocabTestVectors.tokenizer(vocab);
                    assertEquals(c.text(), tok.decode(tok.encode(c.text(), false, false)), () -> vocab + " #" + c.index());
                })));
    }

    @TestFactory
    Stream<DynamicTest> sentencePieceDecodeOfEncodeGivesBackTheTextAfterItsSpacePrefix() {
        return VocabTestVectors.cases("llama-spm").stream().filter(c -> !c.text().isEmpty())
                .map(c -> DynamicTest.dynamicTest("llama-spm #" + c.index(), () -> {
                    Tokenizer tok = VocabTestVectors.tokenizer("llama-spm");
                    assertEquals(" " + c.text(), tok.decode(tok.encode(c.text(), false, false)));
                }));
    }

    @TestFactory
    Stream<DynamicTest> streamingDecoderNeverEmitsABrokenCharacterAndAddsUpToDecode() {
        return VocabTestVectors.VOCABS.stream().map(vocab -> DynamicTest.dynamicTest(vocab, () -> {
            Tokenizer tok = VocabTestVectors.tokenizer(vocab);
            for (VocabTestVectors.Case c : VocabTestVectors.cases(vocab)) {
                int[] ids = tok.encode(c.text(), false, false);
                StreamingDecoder decoder = tok.streamingDecoder(true);
                StringBuilder streamed = new StringBuilder();
                for (int id : ids) {
                    String part = decoder.accept(id);
                    assertFalse(part.contains("\uFFFD"), () -> vocab + " #" + c.index() + " emitted a broken character after id " + id);
                    streamed.append(part);
                }
                streamed.append(decoder.flush());
                assertEquals(tok.decode(ids), streamed.toString(), () -> vocab + " #" + c.index());
            }
        }));
    }

    @Test
    void streamingDecoderHoldsAnEmojisByteTokensUntilTheLastOne() {
        Tokenizer tok = VocabTestVectors.tokenizer("llama-spm");
        int[] ids = tok.encode("🦙", false, false);
        // "▁" then the four byte tokens <0xF0> <0x9F> <0xA6> <0x99>
        assertEquals(5, ids.length, Arrays.toString(ids));
        StreamingDecoder decoder = tok.streamingDecoder(true);
        assertEquals(" ", decoder.accept(ids[0]));
        assertEquals("", decoder.accept(ids[1]));
        assertEquals("", decoder.accept(ids[2]));
        assertEquals("", decoder.accept(ids[3]));
        assertEquals("🦙", decoder.accept(ids[4]));
        assertEquals("", decoder.flush());
    }

    @Test
    void streamingDecoderFlushesATruncatedCharacterAsReplacement() {
        Tokenizer tok = VocabTestVectors.tokenizer("llama-spm");
        StreamingDecoder decoder = tok.streamingDecoder(true);
        assertEquals("", decoder.accept(tok.tokenId("<0xF0>").orElseThrow()));
        assertEquals("\uFFFD", decoder.flush());
        assertEquals("a", decoder.accept(tok.tokenId("a").orElseThrow()));
    }

    @Test
    void streamingDecoderReleasesAStrayContinuationByteAtOnce() {
        Tokenizer tok = VocabTestVectors.tokenizer("llama-spm");
        StreamingDecoder decoder = tok.streamingDecoder(true);
        assertEquals("\uFFFD", decoder.accept(tok.tokenId("<0x99>").orElseThrow()));
    }

    @Test
    void bpeEmojiSplitAcrossTokensStreamsAsOneCharacter() {
        Tokenizer tok = VocabTestVectors.tokenizer("llama-bpe");
        int[] ids = tok.encode("🦙", false, false);
        assertTrue(ids.length > 1, "the llama emoji spans several Llama 3 tokens: " + Arrays.toString(ids));
        StreamingDecoder decoder = tok.streamingDecoder(false);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            String part = decoder.accept(ids[i]);
            if (i < ids.length - 1) assertEquals("", part);
            out.append(part);
        }
        assertEquals("🦙", out.toString());
    }

    @Test
    void hundredKilobyteTextEncodesAndDecodesBack() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 100_000; i++) {
            for (VocabTestVectors.Case c : VocabTestVectors.cases("qwen2")) sb.append(c.text()).append(i % 2 == 0 ? " " : "\n");
        }
        String text = sb.toString();
        for (String vocab : VocabTestVectors.VOCABS) {
            Tokenizer tok = VocabTestVectors.tokenizer(vocab);
            int[] ids = tok.encode(text, false, false);
            String back = tok.decode(ids);
            assertEquals(vocab.equals("llama-spm") ? " " + text : text, back, vocab);
        }
    }

    @Test
    void encodingTextInPiecesAtWordBoundariesMatchesEncodingItWhole() {
        Tokenizer tok = VocabTestVectors.tokenizer("qwen2");
        int[] whole = tok.encode("Hello world", false, false);
        int[] hello = tok.encode("Hello", false, false);
        int[] world = tok.encode(" world", false, false);
        int[] joined = new int[hello.length + world.length];
        System.arraycopy(hello, 0, joined, 0, hello.length);
        System.arraycopy(world, 0, joined, hello.length, world.length);
        assertArrayEquals(whole, joined);
    }
}
