package ai.glassbox.server.publish;

import ai.glassbox.ledger.store.Ledger;

/**
 * The latest {@link LedgerSnapshot} of a ledger: each request reads only the ledger's revision and
 * rebuilds the snapshot when it moved, so a run appended by another process (a {@code glassbox eval}
 * beside {@code glassbox up}) shows on the next request. Thread-safe; concurrent requests after a
 * change wait for one rebuild instead of each doing it.
 */
final class LedgerSnapshots {
    private final Ledger ledger;
    private volatile LedgerSnapshot current;

    LedgerSnapshots(Ledger ledger) {
        this.ledger = ledger;
    }

    LedgerSnapshot current() {
        long revision = ledger.revision();
        LedgerSnapshot s = current;
        if (s != null && s.revision() >= revision) return s;
        synchronized (this) {
            s = current;
            if (s != null && s.revision() >= revision) return s;
            // read after the revision: the data is at least as new, and a later change moves the revision again
            s = LedgerSnapshot.read(ledger, revision);
            current = s;
            return s;
        }
    }
}
