package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.log.Database;
import ai.glassbox.ledger.log.TransparencyLog;
import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.signing.SigningKey;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-ledger at tiny sizes: every row is printed, with positive figures. Nothing is timed. */
class BenchLedgerCommandTest {
    private static final String NUMBER = "([0-9]+(?:\\.[0-9]+)?)";

    @TempDir
    Path tmp;

    @Test
    void printsEveryRowWithPositiveFiguresOnAFreshSqliteFile() {
        var r = CliTest.run("bench-ledger", "-n", "20", "--batch", "5", "--entries", "2000", "-k", "50", "-r", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("database: SQLite jdbc:sqlite:"), r.out());
        assertPositive(r.out(), "\\| append \\| 1 \\| 20 \\| " + NUMBER + " ± ");
        assertPositive(r.out(), "\\| append \\| 5 \\| 20 \\| " + NUMBER + " ± ");
        assertPositive(r.out(), "\\| fill to 2000 \\| 1760 \\| 1 \\| " + NUMBER + " ± ");
        for (String proof : List.of("inclusion, generate", "inclusion, verify", "consistency, generate", "consistency, verify")) {
            String row = "\\| " + proof + " \\| 2000 \\| 50 \\| " + NUMBER + " ± [0-9.]+ \\| " + NUMBER + " \\| " + NUMBER + " \\|";
            assertPositive(r.out(), row);
        }
    }

    @Test
    void refusesADatabaseThatAlreadyHoldsALog() {
        Path file = tmp.resolve("ledger.db");
        try (var log = new TransparencyLog(Database.sqlite(file))) {
            log.append(new NoteSigner("example.com/log", SigningKey.generate()), "eval-run", new byte[] {1});
        }
        var r = CliTest.run("bench-ledger", "--db", "jdbc:sqlite:" + file, "-n", "1", "--entries", "10", "-r", "1");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode(), r.out());
        assertTrue(r.err().contains("needs an empty database") && r.err().contains("already has size 1"), r.err());
    }

    @Test
    void entriesAreTheSizeOfAnEnvelopeAndDistinct() {
        assertEquals(BenchLedgerCommand.ENTRY_BYTES, BenchLedgerCommand.entry(0).length);
        assertEquals(BenchLedgerCommand.ENTRY_BYTES, BenchLedgerCommand.entry(999_999).length);
        assertTrue(!java.util.Arrays.equals(BenchLedgerCommand.entry(1), BenchLedgerCommand.entry(2)));
    }

    private static void assertPositive(String out, String row) {
        Matcher m = Pattern.compile(row).matcher(out);
        assertTrue(m.find(), "no row /" + row + "/ in:\n" + out);
        for (int g = 1; g <= m.groupCount(); g++) {
            assertTrue(Double.parseDouble(m.group(g)) > 0, "group " + g + " of /" + row + "/ is not positive in:\n" + out);
        }
    }
}
