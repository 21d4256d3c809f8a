package ai.glassbox.ledger.store;

import ai.glassbox.testkit.PostgresServer;

class PostgresLedgerTest extends LedgerContract {
    @Override
    String newDatabaseUrl() {
        return PostgresServer.get().newDatabase();
    }
}
