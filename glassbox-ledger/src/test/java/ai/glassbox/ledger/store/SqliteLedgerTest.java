package ai.glassbox.ledger.store;

class SqliteLedgerTest extends LedgerContract {
    private int databases;

    @Override
    String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("ledger-" + (++databases) + ".db");
    }
}
