package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code glassbox gap} on the shipped facts, at a fixed date. */
class GapCommandTest {
    @Test
    void mmluOpenTodayIsWhereClosedWasWhenO1PreviewCameOut() {
        var r = CliTest.run("gap", "--today", "2026-12-02", "--benchmark", "MMLU");
        assertEquals(0, r.exitCode(), r.err());
        // DeepSeek-R1's 90.8 equals o1-preview's, released 2024-09-12: 811 days before 2026-12-02.
        assertTrue(r.out().contains("|MMLU|DeepSeek-R1 90.8 (2025-01-20)|o3 (2025-04-16, reasoning effort high) 93.3 (2025-04-16)|o1-preview (2024-09-12) 90.8 (2024-09-12)|26.6|"), r.out());
        assertEquals(4, r.out().lines().count(), "header, rule, one benchmark, the left-out count: " + r.out());
    }

    @Test
    void whereOpenLeadsItSaysSo() {
        var r = CliTest.run("gap", "--today", "2026-12-02", "--benchmark", "GSM8K");
        assertTrue(r.out().contains("|GSM8K|Llama 3.1 405B Instruct 96.8 (2024-07-23)|") && r.out().contains("|open leads|"), r.out());
    }

    @Test
    void anUnknownSelectionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, CliTest.run("gap", "--claims", "mine").exitCode());
    }
}
