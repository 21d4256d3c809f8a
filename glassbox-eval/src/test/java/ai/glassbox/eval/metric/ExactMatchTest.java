package ai.glassbox.eval.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExactMatchTest {
    private static final ExactMatch GSM8K = new ExactMatch(List.of(",", "\\$", "(?s).*#### ", "\\.$"), true, false);

    @Test
    void gsm8kReferenceReducesToTheFinalNumber() {
        String reference = "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 1,018";
        assertEquals("1018", GSM8K.normalize(reference));
        assertEquals(1.0, GSM8K.score("$1,018.", reference));
        assertEquals(0.0, GSM8K.score("1018.5", reference));
    }

    @Test
    void regexesApplyInOrderThenCaseFolds() {
        var m = new ExactMatch(List.of("x"), true, false);
        assertEquals(1.0, m.score("AxB", "ab"));
        // "X" is removed only after lower-casing in a case-insensitive regex; here it stays
        assertEquals(0.0, m.score("AXB", "ab"));
    }

    @Test
    void punctuationIsRemovedOnlyWhenAsked() {
        assertEquals(0.0, new ExactMatch(List.of(), false, false).score("a.b!", "ab"));
        assertEquals(1.0, new ExactMatch(List.of(), false, true).score("a.b!", "ab"));
    }

    @Test
    void dollarMatchesOnlyBeforeAFinalNewlineLikePython() {
        // Python's "\.$" matches "5.\n" (before the final newline) but not before "\r"
        var m = new ExactMatch(List.of("\\.$"), false, false);
        assertEquals("5\n", m.normalize("5.\n"));
        assertEquals("5.\r", m.normalize("5.\r"));
    }
}
