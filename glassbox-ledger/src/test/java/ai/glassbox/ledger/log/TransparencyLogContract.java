package ai.glassbox.ledger.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.merkle.Hash;
import ai.glassbox.ledger.merkle.InclusionProof;
import ai.glassbox.ledger.merkle.MerkleHash;
import ai.glassbox.ledger.merkle.ProofException;
import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.note.SignedCheckpoint;
import ai.glassbox.ledger.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every ledger database must do; run against SQLite and PostgreSQL. */
abstract class TransparencyLogContract {
    static final NoteSigner SIGNER = new NoteSigner("glassbox.test/log", SigningKey.generate());

    String url;
    Database db;
    TransparencyLog log;

    /** A JDBC URL of a new, empty database. */
    abstract String newDatabaseUrl();

    @BeforeEach
    void openEmpty() {
        url = newDatabaseUrl();
        db = Database.open(url);
        log = new TransparencyLog(db);
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    static byte[] entry(int i) {
        return ("{\"entry\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyLogHasNoHeadNoCheckpointAndSizeZero() {
        assertTrue(log.head().isEmpty());
        assertEquals(0, log.size());
        assertTrue(log.latestCheckpoint().isEmpty());
        assertEquals(new TransparencyLog.Audit(0, 0), log.audit());
    }

    @Test
    void appendsTakeConsecutiveIndicesAndEachSignsACheckpointOfTheTreeSoFar() {
        List<Hash> leaves = new ArrayList<>();
        int next = 0;
        for (int batch : new int[] {1, 1, 3, 1, 8, 2, 5}) {
            List<TransparencyLog.NewEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                entries.add(new TransparencyLog.NewEntry("test", entry(next + i)));
                leaves.add(MerkleHash.leaf(entry(next + i)));
            }
            TransparencyLog.Appended a = log.append(SIGNER, entries);
            assertEquals(next, a.firstIndex());
            assertEquals(batch, a.count());
            next += batch;
            SignedCheckpoint cp = SignedCheckpoint.open(a.signedCheckpoint(), SIGNER.verifier());
            assertEquals(next, cp.checkpoint().size());
            assertEquals(MerkleHash.mth(leaves), cp.checkpoint().root());
            assertEquals(SIGNER.name(), cp.checkpoint().origin());
            assertEquals(a.signedCheckpoint(), log.latestCheckpoint().orElseThrow());
        }
        assertEquals(21, log.size());
        assertEquals(List.of(1L, 2L, 5L, 6L, 14L, 16L, 21L), log.checkpointSizes());
        assertEquals(new TransparencyLog.Audit(21, 7), log.audit());
        assertEquals(SIGNER.verifier(), log.head().orElseThrow().verifier());
    }

    @Test
    void everyEntryHasAnInclusionProofInEveryLaterTreeAndEveryPairOfTreesIsConsistent() {
        int n = 37;
        List<Hash> roots = new ArrayList<>();
        roots.add(MerkleHash.EMPTY_ROOT);
        for (int i = 0; i < n; i++) {
            log.append(SIGNER, "test", entry(i));
            roots.add(SignedCheckpoint.open(log.latestCheckpoint().orElseThrow(), SIGNER.verifier()).checkpoint().root());
        }
        for (int size = 1; size <= n; size++) {
            assertEquals(roots.get(size), log.root(size));
            for (int i = 0; i < size; i++) {
                InclusionProof proof = log.inclusionProof(i, size);
                proof.verify(MerkleHash.leaf(entry(i)), roots.get(size));
                int other = (i + 1) % size;
                if (other != i) {
                    Hash wrongLeaf = MerkleHash.leaf(entry(other)), root = roots.get(size);
                    assertThrows(ProofException.class, () -> proof.verify(wrongLeaf, root), "entry " + other + " passed as " + i);
                }
            }
        }
        for (int m = 0; m <= n; m += 3) {
            for (int size = m; size <= n; size += 5) {
                log.consistencyProof(m, size).verify(roots.get(m), roots.get(size));
            }
        }
    }

    @Test
    void entriesReadBackByteForByteWithTheirKindAndAreFoundByContent() {
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) binary[i] = (byte) i;
        log.append(SIGNER, "eval-run", entry(1));
        log.append(SIGNER, "blob", binary);
        TransparencyLog.Entry e = log.entry(1);
        assertArrayEquals(binary, e.bytes());
        assertEquals("blob", e.kind());
        assertEquals(MerkleHash.leaf(binary), e.leafHash());
        assertEquals(1, log.find(binary).orElseThrow());
        assertTrue(log.find(entry(2)).isEmpty());
        LedgerException missing = assertThrows(LedgerException.class, () -> log.entry(2));
        assertEquals("the log has no entry 2 (its size is 2)", missing.getMessage());
    }

    @Test
    void aReplayedEntryIsRejectedWithItsIndexAndNothingIsAppended() {
        log.append(SIGNER, "test", entry(0));
        log.append(SIGNER, "test", entry(1));
        DuplicateEntryException e = assertThrows(DuplicateEntryException.class,
                () -> log.append(SIGNER, List.of(new TransparencyLog.NewEntry("test", entry(2)), new TransparencyLog.NewEntry("test", entry(0)))));
        assertEquals(0, e.index());
        assertEquals(2, log.size());
        assertTrue(log.find(entry(2)).isEmpty(), "the batch's other entry must not be appended either");
        assertThrows(LedgerException.class, () -> log.append(SIGNER, List.of(new TransparencyLog.NewEntry("test", entry(5)), new TransparencyLog.NewEntry("test", entry(5)))));
        assertEquals(2, log.size());
        log.audit();
    }

    @Test
    void aLargeAppendFindsAReplayedOrRepeatedEntryAnywhereInItAndKeepsTheTreeWhole() {
        log.append(SIGNER, entries(0, 1234));
        // Longer than one duplicate lookup query: the replayed entry comes last.
        List<TransparencyLog.NewEntry> replay = new ArrayList<>(entries(1234, 1934));
        replay.add(new TransparencyLog.NewEntry("test", entry(1000)));
        DuplicateEntryException e = assertThrows(DuplicateEntryException.class, () -> log.append(SIGNER, replay));
        assertEquals(1000, e.index());
        List<TransparencyLog.NewEntry> repeated = new ArrayList<>(entries(1234, 1934));
        repeated.add(new TransparencyLog.NewEntry("test", entry(1300)));
        LedgerException twice = assertThrows(LedgerException.class, () -> log.append(SIGNER, repeated));
        assertEquals("the same entry appears twice in one append", twice.getMessage());
        assertEquals(1234, log.size());
        log.append(SIGNER, entries(1234, 1934));
        List<Hash> leaves = new ArrayList<>();
        for (int i = 0; i < 1934; i++) leaves.add(MerkleHash.leaf(entry(i)));
        assertEquals(MerkleHash.mth(leaves), log.root(1934));
        assertEquals(new TransparencyLog.Audit(1934, 2), log.audit());
    }

    static List<TransparencyLog.NewEntry> entries(int from, int to) {
        List<TransparencyLog.NewEntry> entries = new ArrayList<>();
        for (int i = from; i < to; i++) entries.add(new TransparencyLog.NewEntry("test", entry(i)));
        return entries;
    }

    @Test
    void onlyTheLogsOwnKeyCanAppend() {
        log.append(SIGNER, "test", entry(0));
        NoteSigner other = new NoteSigner(SIGNER.name(), SigningKey.generate());
        LedgerException e = assertThrows(LedgerException.class, () -> log.append(other, "test", entry(1)));
        assertTrue(e.getMessage().startsWith("log glassbox.test/log is signed by " + SIGNER.verifier().vkey()), e.getMessage());
        assertEquals(1, log.size());
    }

    @Test
    void reopeningTheDatabaseKeepsTheLogAndMigratesNothingTwice() {
        for (int i = 0; i < 5; i++) log.append(SIGNER, "test", entry(i));
        String checkpoint = log.latestCheckpoint().orElseThrow();
        TransparencyLog reopened = new TransparencyLog(Database.open(url));
        assertEquals(5, reopened.size());
        assertEquals(checkpoint, reopened.latestCheckpoint().orElseThrow());
        reopened.append(SIGNER, "test", entry(5));
        assertEquals(new TransparencyLog.Audit(6, 6), reopened.audit());
    }

    @Test
    void concurrentAppendersGetDistinctIndicesAndTheLogStaysConsistent() throws Exception {
        int threads = 4, each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * 1000;
                futures.add(pool.submit(() -> {
                    try (TransparencyLog own = new TransparencyLog(Database.open(url))) {
                        List<Long> indices = new ArrayList<>();
                        for (int i = 0; i < each; i++) indices.add(own.append(SIGNER, "test", entry(base + i)).firstIndex());
                        return indices;
                    }
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) all.addAll(f.get());
            Collections.sort(all);
            List<Long> expected = new ArrayList<>();
            for (long i = 0; i < threads * each; i++) expected.add(i);
            assertEquals(expected, all);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(new TransparencyLog.Audit(threads * each, threads * each), log.audit());
    }

    @Test
    void proofsOutsideTheCommittedTreeAreRefused() {
        log.append(SIGNER, "test", entry(0));
        log.append(SIGNER, "test", entry(1));
        assertThrows(IllegalArgumentException.class, () -> log.inclusionProof(0, 3));
        assertThrows(IllegalArgumentException.class, () -> log.inclusionProof(2, 2));
        assertThrows(IllegalArgumentException.class, () -> log.consistencyProof(2, 1));
    }

    @Test
    void theAuditFindsAnEntryEditedInTheDatabase() throws Exception {
        for (int i = 0; i < 6; i++) log.append(SIGNER, "test", entry(i));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE log_entries SET entry = leaf_hash WHERE idx = 3");
        }
        LedgerException e = assertThrows(LedgerException.class, log::audit);
        assertEquals("entry 3 does not match its stored leaf hash: the entry was altered", e.getMessage());
    }

    @Test
    void theAuditFindsAnEntryReplacedTogetherWithItsHashes() throws Exception {
        for (int i = 0; i < 3; i++) log.append(SIGNER, "test", entry(i));
        // Entry 2 is a left leaf with no stored subtree above it, so only the signed checkpoint can tell.
        replaceConsistently(2, entry(99));
        LedgerException e = assertThrows(LedgerException.class, log::audit);
        assertTrue(e.getMessage().startsWith("checkpoint at size 3 does not match the entries"), e.getMessage());

        log.append(SIGNER, "test", entry(3));
        replaceConsistently(3, entry(98));
        e = assertThrows(LedgerException.class, log::audit);
        assertEquals("the stored subtree root 1/1 does not match entries [2, 4)", e.getMessage());
    }

    private void replaceConsistently(long index, byte[] forged) throws Exception {
        try (Connection c = db.connect(); var s = c.prepareStatement("UPDATE log_entries SET entry = ?, leaf_hash = ?, entry_sha256 = ? WHERE idx = ?")) {
            s.setBytes(1, forged);
            s.setBytes(2, MerkleHash.leaf(forged).bytes());
            s.setBytes(3, java.security.MessageDigest.getInstance("SHA-256").digest(forged));
            s.setLong(4, index);
            assertEquals(1, s.executeUpdate());
        }
    }
}
