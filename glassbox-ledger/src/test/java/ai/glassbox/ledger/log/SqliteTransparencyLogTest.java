package ai.glassbox.ledger.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTransparencyLogTest extends TransparencyLogContract {
    @TempDir
    Path dir;

    private int databases;

    @Override
    String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("ledger-" + (++databases) + ".db");
    }

    @Test
    void aLedgerFileAndItsFoldersAreCreatedOnFirstUse() {
        Path file = dir.resolve("nested/deeper/ledger.db");
        new TransparencyLog(Database.sqlite(file)).append(SIGNER, "test", entry(0));
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void aFileThatIsNotADatabaseIsAClearError() throws Exception {
        Path file = dir.resolve("garbage.db");
        Files.writeString(file, "this is not an SQLite database, it is only text that is long enough to have a header");
        LedgerException e = assertThrows(LedgerException.class, () -> Database.sqlite(file));
        assertTrue(e.getMessage().startsWith("cannot migrate ledger jdbc:sqlite:" + file), e.getMessage());
    }

    @Test
    void otherDatabasesAreRefusedByName() {
        LedgerException e = assertThrows(LedgerException.class, () -> Database.open("jdbc:mysql://host/db?user=u&password=secret"));
        assertEquals("unsupported ledger database jdbc:mysql://host/db?user=u&password=***: use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB", e.getMessage());
    }
}
