package ai.glassbox.ledger.merkle;

import static ai.glassbox.ledger.merkle.InclusionProofTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.glassbox.ledger.merkle.ProofException.Reason;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Consistency proofs: generation against the RFC's definition, verification, edges, and rejection of corruption. */
class ConsistencyProofTest {
    static final long SEED = Long.getLong("glassbox.merkle.seed", 9162L);
    static final String REPRO = "reproduce with -Dglassbox.merkle.seed=" + SEED + " -Dtest=ConsistencyProofTest";
    private static final int MAX_SIZE = 4096;

    private static List<Hash> leaves;
    private static InMemoryLeafSource source;

    @BeforeAll
    static void buildTree() {
        System.out.println("ConsistencyProofTest seed: -Dglassbox.merkle.seed=" + SEED);
        leaves = ReferenceProofs.randomLeaves(new SplittableRandom(SEED), MAX_SIZE);
        source = InMemoryLeafSource.of(leaves);
    }

    @Test
    void everyProofBetweenTreesUpTo40LeavesMatchesTheRfcDefinitionAndVerifies() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int n = 0; n <= 40; n++) {
            Hash root2 = MerkleHash.mth(leaves.subList(0, n));
            for (int m = 0; m <= n; m++) {
                List<Hash> path = ConsistencyProof.generate(source, m, n).path();
                String what = m + " -> " + n + "; " + REPRO;
                assertEquals(ReferenceProofs.proof(m, leaves.subList(0, n)), path, what);
                Hash root1 = MerkleHash.mth(leaves.subList(0, m));
                long size1 = m;
                long size2 = n;
                assertDoesNotThrow(() -> ConsistencyProof.verify(size1, size2, root1, root2, path), what);
                Mutations.assertConsistencyRejectsCorruption(m, n, root1, root2, path, ReferenceProofs.someBits(random), REPRO);
            }
        }
    }

    @Test
    void sampledProofsInEdgeAndRandomSizesVerifyAndRejectCorruption() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        for (int n : ReferenceProofs.sizes(random)) {
            Hash root2 = source.mth(0, n);
            for (long m : firstSizes(random, n)) {
                ConsistencyProof proof = ConsistencyProof.generate(source, m, n);
                if (n <= 1100) assertEquals(ReferenceProofs.proof((int) m, leaves.subList(0, n)), proof.path(), REPRO);
                Hash root1 = source.mth(0, m);
                assertDoesNotThrow(() -> proof.verify(root1, root2), () -> m + " -> " + n + "; " + REPRO);
                Mutations.assertConsistencyRejectsCorruption(m, n, root1, root2, proof.path(), ReferenceProofs.someBits(random), REPRO);
            }
        }
    }

    @Test
    void everyBitOfProofAndRootsMatters() {
        for (long[] sizes : new long[][] {{1, 2}, {3, 7}, {4, 9}, {6, 8}, {999, 1000}, {1024, 4096}, {1025, 4095}}) {
            ConsistencyProof proof = ConsistencyProof.generate(source, sizes[0], sizes[1]);
            Mutations.assertConsistencyRejectsCorruption(sizes[0], sizes[1], source.mth(0, sizes[0]), source.mth(0, sizes[1]), proof.path(), REPRO);
        }
    }

    @Test
    void equalSizesNeedAnEmptyProofAndEqualRoots() {
        Hash root = source.mth(0, 5);
        assertDoesNotThrow(() -> ConsistencyProof.verify(5, 5, root, root, List.of()));
        assertReason(Reason.PROOF_TOO_LONG, () -> ConsistencyProof.verify(5, 5, root, root, List.of(root)));
        assertReason(Reason.ROOT_MISMATCH, () -> ConsistencyProof.verify(5, 5, root, source.mth(0, 4), List.of()));
        assertDoesNotThrow(() -> ConsistencyProof.verify(0, 0, MerkleHash.EMPTY_ROOT, MerkleHash.EMPTY_ROOT, List.of()));
    }

    @Test
    void theEmptyTreeIsConsistentWithAnyTreeButOnlyWithAnEmptyProofAndTheEmptyRoot() {
        Hash root = source.mth(0, 5);
        assertDoesNotThrow(() -> ConsistencyProof.verify(0, 5, MerkleHash.EMPTY_ROOT, root, List.of()));
        assertReason(Reason.PROOF_TOO_LONG, () -> ConsistencyProof.verify(0, 5, MerkleHash.EMPTY_ROOT, root, List.of(root)));
        assertReason(Reason.FIRST_ROOT_MISMATCH, () -> ConsistencyProof.verify(0, 5, root, root, List.of()));
        assertReason(Reason.FIRST_ROOT_MISMATCH, () -> ConsistencyProof.verify(0, 0, root, root, List.of()));
    }

    @Test
    void failuresNameTheCheckThatFailed() {
        Hash root6 = source.mth(0, 6);
        Hash root8 = source.mth(0, 8);
        List<Hash> path = ConsistencyProof.generate(source, 6, 8).path();
        assertReason(Reason.SIZES_OUT_OF_ORDER, () -> ConsistencyProof.verify(8, 6, root8, root6, path));
        assertReason(Reason.TREE_SIZE_OUT_OF_RANGE, () -> ConsistencyProof.verify(-1, 8, root6, root8, path));
        assertReason(Reason.PROOF_TOO_SHORT, () -> ConsistencyProof.verify(6, 8, root6, root8, List.of()));
        assertReason(Reason.PROOF_TOO_SHORT, () -> ConsistencyProof.verify(6, 8, root6, root8, path.subList(0, 2)));
        assertReason(Reason.PROOF_TOO_LONG, () -> ConsistencyProof.verify(6, 8, root6, root8, List.of(root6, root6, root6, root6)));
        assertReason(Reason.FIRST_ROOT_MISMATCH, () -> ConsistencyProof.verify(6, 8, root8, root8, path));
        assertReason(Reason.ROOT_MISMATCH, () -> ConsistencyProof.verify(6, 8, root6, root6, path));
    }

    @Test
    void generationRejectsSizesOutsideTheSource() {
        assertThrows(IllegalArgumentException.class, () -> ConsistencyProof.generate(source, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> ConsistencyProof.generate(source, -1, 4));
        assertThrows(IllegalArgumentException.class, () -> ConsistencyProof.generate(source, 1, MAX_SIZE + 1));
        assertEquals(List.of(), ConsistencyProof.generate(source, 0, 9).path());
        assertEquals(List.of(), ConsistencyProof.generate(source, 9, 9).path());
    }

    private static TreeSet<Long> firstSizes(SplittableRandom random, int n) {
        TreeSet<Long> out = new TreeSet<>();
        if (n < 2) return out;
        out.addAll(List.of(1L, n - 1L, Math.max(1L, n / 2L), Long.highestOneBit(n - 1L)));
        for (int i = 0; i < 5; i++) out.add((long) random.nextInt(1, n));
        return out;
    }
}
