package ai.glassbox.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every llama.cpp test vector in {@code shared/vocab} tokenizes to llama.cpp's ids. */
class TokenizerConformanceTest {
    @TestFactory
    Stream<DynamicContainer> everyVocabCaseMatchesLlamaCppIds() {
        return VocabTestVectors.VOCABS.stream().map(vocab -> DynamicContainer.dynamicContainer(vocab,
                VocabTestVectors.cases(vocab).stream().map(c -> DynamicTest.dynamicTest(vocab + " #" + c.index(), () -> {
                    int[] actual = VocabTestVectors.tokenizer(vocab).encode(c.text(), false, false);
                    assertArrayEquals(c.expected(), actual, () -> vocab + " case #" + c.index() + " " + quoted(c.text())
                            + "\n expected " + Arrays.toString(c.expected()) + "\n actual   " + Arrays.toString(actual));
                }))));
    }

    @TestFactory
    Stream<DynamicTest> everyVocabHasItsFortySixCases() {
        return VocabTestVectors.VOCABS.stream().map(vocab -> DynamicTest.dynamicTest(vocab,
                () -> assertEquals(46, VocabTestVectors.cases(vocab).size())));
    }

    static String quoted(String s) {
        return "\"" + s.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + "\"";
    }
}
