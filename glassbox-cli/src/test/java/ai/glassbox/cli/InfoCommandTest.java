package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InfoCommandTest {
    @Test
    void parameterCountsAreShownInTheLargestUnitThatFits() {
        assertEquals("999", InfoCommand.humanCount(999));
        assertEquals("293 K", InfoCommand.humanCount(292_800));
        assertEquals("15.0 M", InfoCommand.humanCount(15_000_000));
        assertEquals("0.76 B", InfoCommand.humanCount(760_000_000));
        assertEquals("8.03 B", InfoCommand.humanCount(8_030_261_248L));
    }

    @Test
    void aTinyModelsParameterCountIsNotZeroBillion() {
        var r = CliTest.run("info", CliTest.stories());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("parameters:      292,800 (293 K)"), r.out());
    }
}
