package ai.glassbox.ledger.log;

import ai.glassbox.testkit.PostgresServer;

class PostgresTransparencyLogTest extends TransparencyLogContract {
    @Override
    String newDatabaseUrl() {
        return PostgresServer.get().newDatabase();
    }
}
