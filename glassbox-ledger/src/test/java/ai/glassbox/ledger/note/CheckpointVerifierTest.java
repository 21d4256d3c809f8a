package ai.glassbox.ledger.note;

import static ai.glassbox.ledger.note.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.merkle.Checkpoint;
import ai.glassbox.ledger.merkle.ConsistencyProof;
import ai.glassbox.ledger.merkle.Hash;
import ai.glassbox.ledger.merkle.InMemoryLeafSource;
import ai.glassbox.ledger.merkle.MerkleHash;
import ai.glassbox.ledger.note.NoteException.Reason;
import ai.glassbox.ledger.signing.SigningKey;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client following a log: consistent growth passes; rollbacks, forks and bad proofs do not. */
class CheckpointVerifierTest {
    static final long SEED = Long.getLong("glassbox.note.seed", 8032L);
    static final String REPRO = "reproduce with -Dglassbox.note.seed=" + SEED + " -Dtest=CheckpointVerifierTest";
    private static final String ORIGIN = "glassbox.example/ledger";
    private static final int MAX_SIZE = 300;
    private static final NoteSigner LOG = new NoteSigner(ORIGIN, SigningKey.generate());
    private static final CheckpointVerifier CLIENT = new CheckpointVerifier(LOG.verifier());

    private static InMemoryLeafSource tree;
    private static InMemoryLeafSource forked;

    @BeforeAll
    static void buildTrees() {
        System.out.println("CheckpointVerifierTest seed: -Dglassbox.note.seed=" + SEED);
        SplittableRandom random = new SplittableRandom(SEED);
        List<Hash> leaves = randomLeaves(random, MAX_SIZE);
        tree = InMemoryLeafSource.of(leaves);
        // Same history up to leaf 100, then a different leaf 100 and onwards: a split view.
        List<Hash> other = new ArrayList<>(leaves.subList(0, 100));
        other.addAll(randomLeaves(random, MAX_SIZE - 100));
        forked = InMemoryLeafSource.of(other);
    }

    @Test
    void consistentGrowthIsAcceptedForRandomSizes() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int round = 0; round < 300; round++) {
            long m = random.nextLong(0, MAX_SIZE + 1);
            long n = random.nextLong(m, MAX_SIZE + 1);
            SignedCheckpoint older = signed(tree, m);
            SignedCheckpoint newer = signed(tree, n);
            ConsistencyProof proof = ConsistencyProof.generate(tree, m, n);
            String what = m + " -> " + n + "; " + REPRO;
            assertSame(newer, CLIENT.verifyConsistency(older, newer, proof), what);
            // Reopening from text changes nothing.
            assertEquals(newer, CLIENT.verifyConsistency(CLIENT.open(older.render()), CLIENT.open(newer.render()), proof), what);
            if (m < n) {
                assertRejected(Reason.ROLLBACK, () -> CLIENT.verifyConsistency(newer, older, proof), "rollback " + what);
                if (m > 0 && !proof.path().isEmpty()) {
                    List<Hash> path = new ArrayList<>(proof.path());
                    int i = random.nextInt(path.size());
                    path.set(i, MerkleHash.node(path.get(i), path.get(i)));
                    var bad = new ConsistencyProof(m, n, path);
                    assertRejected(Reason.INCONSISTENT, () -> CLIENT.verifyConsistency(older, newer, bad), "path[" + i + "] altered " + what);
                }
            }
        }
    }

    @Test
    void forksAreRejected() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        for (int round = 0; round < 100; round++) {
            long n = random.nextLong(101, MAX_SIZE + 1);
            String what = "size " + n + "; " + REPRO;
            SignedCheckpoint honest = signed(tree, n);
            SignedCheckpoint split = signed(forked, n);
            var e = assertRejected(Reason.FORK, () -> CLIENT.verifyConsistency(honest, split, ConsistencyProof.generate(forked, n, n)), what);
            assertTrue(e.getMessage().contains(honest.checkpoint().root().hex()), e.getMessage());
            // A larger forked tree: no proof from the honest history reaches it, whichever tree it came from.
            long m = random.nextLong(101, n + 1);
            long bigger = random.nextLong(n, MAX_SIZE + 1);
            SignedCheckpoint trusted = signed(tree, m);
            SignedCheckpoint grown = signed(forked, bigger);
            assertRejected(Reason.INCONSISTENT, () -> CLIENT.verifyConsistency(trusted, grown, ConsistencyProof.generate(forked, m, bigger)), "forked proof " + m + " -> " + bigger);
            assertRejected(Reason.INCONSISTENT, () -> CLIENT.verifyConsistency(trusted, grown, ConsistencyProof.generate(tree, m, bigger)), "honest proof " + m + " -> " + bigger);
        }
        // Before the fork point both trees agree, so growth from there to either is consistent.
        SignedCheckpoint shared = signed(tree, 100);
        assertEquals(signed(forked, 100), shared);
        CLIENT.verifyConsistency(shared, signed(forked, 200), ConsistencyProof.generate(forked, 100, 200));
    }

    @Test
    void aProofForOtherSizesIsRejected() {
        SignedCheckpoint older = signed(tree, 10);
        SignedCheckpoint newer = signed(tree, 20);
        var e = assertRejected(Reason.INCONSISTENT, () -> CLIENT.verifyConsistency(older, newer, ConsistencyProof.generate(tree, 11, 20)), "proof from 11");
        assertTrue(e.getMessage().contains("from size 11 to 20"), e.getMessage());
        assertRejected(Reason.INCONSISTENT, () -> CLIENT.verifyConsistency(older, newer, ConsistencyProof.generate(tree, 10, 21)), "proof to 21");
        assertRejected(Reason.INCONSISTENT, () -> CLIENT.verifyConsistency(older, older, ConsistencyProof.generate(tree, 9, 10)), "equal sizes need an empty proof");
    }

    @Test
    void bothCheckpointsMustBeSignedByTheLog() {
        NoteSigner impostor = new NoteSigner(ORIGIN, SigningKey.generate());
        SignedCheckpoint older = signed(tree, 10);
        SignedCheckpoint forged = SignedCheckpoint.sign(new Checkpoint(ORIGIN, 20, tree.mth(0, 20)), impostor);
        ConsistencyProof proof = ConsistencyProof.generate(tree, 10, 20);
        assertRejected(Reason.UNKNOWN_KEY, () -> CLIENT.verifyConsistency(older, forged, proof), "newer by another key");
        assertRejected(Reason.UNKNOWN_KEY, () -> CLIENT.verifyConsistency(SignedCheckpoint.sign(older.checkpoint(), impostor), signed(tree, 20), proof), "trusted by another key");

        NoteSigner otherLog = new NoteSigner("other.example/log", SigningKey.generate());
        SignedCheckpoint otherOrigin = SignedCheckpoint.sign(new Checkpoint("other.example/log", 20, tree.mth(0, 20)), otherLog);
        assertRejected(Reason.UNKNOWN_KEY, () -> CLIENT.verifyConsistency(older, otherOrigin, proof), "another log's checkpoint");
    }

    private static SignedCheckpoint signed(InMemoryLeafSource source, long size) {
        return SignedCheckpoint.sign(new Checkpoint(ORIGIN, size, source.mth(0, size)), LOG);
    }

    private static List<Hash> randomLeaves(SplittableRandom random, int n) {
        List<Hash> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] entry = new byte[random.nextInt(1, 48)];
            random.nextBytes(entry);
            leaves.add(MerkleHash.leaf(entry));
        }
        return leaves;
    }
}
