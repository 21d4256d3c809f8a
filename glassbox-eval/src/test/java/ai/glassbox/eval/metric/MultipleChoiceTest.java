package ai.glassbox.eval.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultipleChoiceTest {
    @Test
    void accPicksTheHighestLogLikelihood() {
        assertEquals(1.0, MultipleChoice.acc(new double[] {-3, -1, -2}, 1));
        assertEquals(0.0, MultipleChoice.acc(new double[] {-3, -1, -2}, 2));
    }

    @Test
    void tiesGoToTheLowestIndexAsNumpyArgmax() {
        assertEquals(0, MultipleChoice.argmax(new double[] {-1, -1, -1}));
        assertEquals(1.0, MultipleChoice.acc(new double[] {-2, -1, -1}, 1));
        assertEquals(0.0, MultipleChoice.acc(new double[] {-2, -1, -1}, 2));
    }

    @Test
    void accNormDividesByCharacterLengthOfTheChoiceWithoutDelimiter() {
        // raw: choice 0 wins (-4 > -6); per character: -4/2 = -2 vs -6/6 = -1, so choice 1 wins
        double[] lls = {-4, -6};
        List<String> choices = List.of("ab", "abcdef");
        assertEquals(1.0, MultipleChoice.acc(lls, 0));
        assertEquals(1.0, MultipleChoice.accNorm(lls, choices, 1));
        assertEquals(0.0, MultipleChoice.accNorm(lls, choices, 0));
    }

    @Test
    void accNormCountsCodePointsLikePythonLen() {
        // "😀😀" is 2 code points (4 UTF-16 units): -3/2 = -1.5 beats -4/2 = -2 only with code points
        double[] lls = {-3, -4};
        List<String> choices = List.of("😀😀", "ab");
        assertEquals(1.0, MultipleChoice.accNorm(lls, choices, 0));
    }

    @Test
    void mc2IsTheNormalizedMassOfTheTrueAnswers() {
        // p = 0.5, 0.25 (true) and 0.125, 0.125 (false): mass 0.75 / 1.0
        double[] lls = {Math.log(0.5), Math.log(0.25), Math.log(0.125), Math.log(0.125)};
        assertEquals(0.75, MultipleChoice.mc2(lls, new int[] {1, 1, 0, 0}), 1e-15);
        // unnormalized probabilities 0.1 (true) and 0.3 (false): 0.25
        assertEquals(0.25, MultipleChoice.mc2(new double[] {Math.log(0.1), Math.log(0.3)}, new int[] {1, 0}), 1e-15);
    }

    @Test
    void mc2SplitsAtTheFirstFalseLabelLikeTheHarness() {
        // labels 1,0,1: only the first answer counts as true
        double[] lls = {Math.log(0.2), Math.log(0.2), Math.log(0.6)};
        assertEquals(0.2, MultipleChoice.mc2(lls, new int[] {1, 0, 1}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> MultipleChoice.mc2(lls, new int[] {1, 1, 1}));
    }
}
