package ai.glassbox.eval.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegexFilterTest {
    private static final FilterPipeline STRICT = new FilterPipeline("strict-match", List.of(new RegexFilter("#### (\\-?[0-9\\.\\,]+)", 0), new TakeFirst()));
    private static final FilterPipeline FLEXIBLE = new FilterPipeline("flexible-extract", List.of(new RegexFilter("(-?[$0-9.,]{2,})|(-?[0-9]+)", -1), new TakeFirst()));

    @Test
    void strictMatchTakesTheFirstHashAnswer() {
        assertEquals("72", STRICT.apply("Natalia sold 48/2 = 24 clips.\n#### 72\n\nQuestion: #### 5"));
    }

    @Test
    void regexFilterFallsBackWhenNothingMatches() {
        assertEquals("[invalid]", STRICT.apply("The answer is 72."));
        assertEquals("[invalid]", FLEXIBLE.apply("no digits here"));
    }

    @Test
    void flexibleExtractTakesTheLastNumberAndTheFirstNonEmptyGroup() {
        // matches: "48" (group 1), "24" (group 1), "7" (group 2: a single digit) -> the last one
        assertEquals("7", FLEXIBLE.apply("She sold 48 then 24 and finally 7"));
        assertEquals("$1,234.", FLEXIBLE.apply("It costs $1,234."));
    }

    @Test
    void matchesAreStrippedLikePython() {
        assertEquals("12", new RegexFilter("=(.*)", 0).apply("x = \u00a012 \t"));
    }

    @Test
    void patternWithoutGroupsYieldsTheWholeMatch() {
        assertEquals("abc", new RegexFilter("a.c", 0).apply("xx abc yy"));
    }

    @Test
    void selectingPastTheMatchesFallsBack() {
        assertEquals("none", new RegexFilter("(\\d)", 3, "none").apply("1 2"));
        assertEquals("1", new RegexFilter("(\\d)", -2, "none").apply("1 2"));
    }

    @Test
    void pythonStripKnowsPythonWhitespace() {
        assertEquals("x", PythonText.strip("\u2007\u00a0\u3000x\u0085\u001c"));
        // U+200B (zero width space) is not whitespace in Python
        assertEquals("\u200bx", PythonText.strip(" \u200bx "));
    }
}
