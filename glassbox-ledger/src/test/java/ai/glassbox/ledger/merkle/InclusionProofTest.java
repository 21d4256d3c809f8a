package ai.glassbox.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.glassbox.ledger.merkle.ProofException.Reason;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inclusion proofs: generation against the RFC's definition, verification, and rejection of corruption. */
class InclusionProofTest {
    static final long SEED = Long.getLong("glassbox.merkle.seed", 9162L);
    static final String REPRO = "reproduce with -Dglassbox.merkle.seed=" + SEED + " -Dtest=InclusionProofTest";
    private static final int MAX_SIZE = 4096;

    private static List<Hash> leaves;
    private static InMemoryLeafSource source;

    @BeforeAll
    static void buildTree() {
        System.out.println("InclusionProofTest seed: -Dglassbox.merkle.seed=" + SEED);
        leaves = ReferenceProofs.randomLeaves(new SplittableRandom(SEED), MAX_SIZE);
        source = InMemoryLeafSource.of(leaves);
    }

    @Test
    void everyProofInTreesUpTo64LeavesMatchesTheRfcDefinitionAndVerifies() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int n = 1; n <= 64; n++) {
            Hash root = MerkleHash.mth(leaves.subList(0, n));
            for (int m = 0; m < n; m++) {
                List<Hash> path = InclusionProof.generate(source, m, n).path();
                String what = "leaf " + m + " size " + n + "; " + REPRO;
                assertEquals(ReferenceProofs.path(m, leaves.subList(0, n)), path, what);
                int index = m;
                int size = n;
                assertDoesNotThrow(() -> InclusionProof.verify(index, size, leaves.get(index), path, root), what);
                Mutations.assertInclusionRejectsCorruption(m, n, leaves.get(m), path, root, ReferenceProofs.someBits(random), REPRO);
            }
        }
    }

    @Test
    void sampledProofsInEdgeAndRandomSizesVerifyAndRejectCorruption() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        for (int n : ReferenceProofs.sizes(random)) {
            Hash root = source.mth(0, n);
            for (long m : indices(random, n)) {
                InclusionProof proof = InclusionProof.generate(source, m, n);
                if (n <= 1100) assertEquals(ReferenceProofs.path((int) m, leaves.subList(0, n)), proof.path(), REPRO);
                assertDoesNotThrow(() -> proof.verify(source.leaf(m), root), () -> "leaf " + m + " size " + n + "; " + REPRO);
                Mutations.assertInclusionRejectsCorruption(m, n, source.leaf(m), proof.path(), root, ReferenceProofs.someBits(random), REPRO);
            }
        }
    }

    @Test
    void everyBitOfProofLeafAndRootMatters() {
        SplittableRandom random = new SplittableRandom(SEED + 3);
        for (int n : new int[] {2, 7, 8, 9, 1000, 4096}) {
            long m = random.nextInt(n);
            InclusionProof proof = InclusionProof.generate(source, m, n);
            Mutations.assertInclusionRejectsCorruption(m, n, source.leaf(m), proof.path(), source.mth(0, n), REPRO);
        }
    }

    @Test
    void singleLeafTreeHasAnEmptyProofAndItsLeafHashIsTheRoot() {
        InclusionProof proof = InclusionProof.generate(source, 0, 1);
        assertEquals(List.of(), proof.path());
        assertDoesNotThrow(() -> proof.verify(leaves.getFirst(), leaves.getFirst()));
        assertReason(Reason.ROOT_MISMATCH, () -> proof.verify(leaves.getFirst(), leaves.get(1)));
    }

    @Test
    void failuresNameTheCheckThatFailed() {
        InclusionProof proof = InclusionProof.generate(source, 5, 8);
        Hash leaf = leaves.get(5);
        Hash root = source.mth(0, 8);
        List<Hash> path = proof.path();
        assertReason(Reason.LEAF_INDEX_OUT_OF_RANGE, () -> InclusionProof.verify(8, 8, leaf, path, root));
        assertReason(Reason.LEAF_INDEX_OUT_OF_RANGE, () -> InclusionProof.verify(-1, 8, leaf, path, root));
        assertReason(Reason.LEAF_INDEX_OUT_OF_RANGE, () -> InclusionProof.verify(0, 0, leaf, List.of(), MerkleHash.EMPTY_ROOT));
        assertReason(Reason.PROOF_TOO_SHORT, () -> InclusionProof.verify(5, 8, leaf, path.subList(0, 2), root));
        assertReason(Reason.PROOF_TOO_LONG, () -> InclusionProof.verify(5, 8, leaf, List.of(root, root, root, root), root));
        assertReason(Reason.ROOT_MISMATCH, () -> InclusionProof.verify(5, 8, leaves.get(4), path, root));
        ProofException e = assertThrows(ProofException.class, () -> InclusionProof.verify(5, 8, leaf, path, MerkleHash.EMPTY_ROOT));
        assertEquals(true, e.getMessage().contains("leaf 5 in tree of size 8"), e.getMessage());
    }

    @Test
    void generationRejectsIndicesOutsideTheTree() {
        assertThrows(IllegalArgumentException.class, () -> InclusionProof.generate(source, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> InclusionProof.generate(source, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> InclusionProof.generate(source, 0, MAX_SIZE + 1));
    }

    static void assertReason(Reason reason, org.junit.jupiter.api.function.Executable check) {
        assertEquals(reason, assertThrows(ProofException.class, check).reason());
    }

    private static TreeSet<Long> indices(SplittableRandom random, int n) {
        TreeSet<Long> out = new TreeSet<>(List.of(0L, n - 1L, n / 2L));
        if (n > 1) {
            long k = MerkleHash.largestPowerOfTwoBelow(n);
            out.add(k - 1);
            out.add(k);
        }
        for (int i = 0; i < 6; i++) out.add((long) random.nextInt(n));
        return out;
    }
}
