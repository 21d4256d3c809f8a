package ai.glassbox.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Roots and proofs against the published Certificate Transparency test vectors. */
class Rfc6962VectorsTest {
    private static final MerkleVectors VECTORS = MerkleVectors.load();
    private static final InMemoryLeafSource SOURCE = InMemoryLeafSource.of(VECTORS.leafHashes());

    @Test
    void vectorFileHoldsEveryPublishedValue() {
        assertEquals(8, VECTORS.entries().size());
        assertEquals(9, VECTORS.roots().size());
        assertEquals(5, VECTORS.inclusions().size());
        assertEquals(5, VECTORS.consistencies().size());
    }

    @Test
    void emptyTreeRootIsSha256OfTheEmptyString() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", MerkleHash.EMPTY_ROOT.hex());
        assertEquals(MerkleHash.EMPTY_ROOT, MerkleHash.mth(List.of()));
        assertEquals(MerkleHash.EMPTY_ROOT, new CompactRange().root());
        assertEquals(MerkleHash.EMPTY_ROOT, new InMemoryLeafSource().root());
    }

    @Test
    void rootsMatchPublishedVectorsForSizes0To8() {
        List<Hash> leaves = VECTORS.leafHashes();
        CompactRange range = new CompactRange();
        for (int size = 0; size <= 8; size++) {
            Hash want = VECTORS.roots().get(size);
            assertEquals(want, MerkleHash.mth(leaves.subList(0, size)), "MTH size " + size);
            assertEquals(want, range.root(), "compact range size " + size);
            assertEquals(want, SOURCE.mth(0, size), "leaf source size " + size);
            if (size < 8) range.append(leaves.get(size));
        }
    }

    @Test
    void publishedInclusionProofsAreGeneratedExactlyAndVerify() {
        for (MerkleVectors.Inclusion v : VECTORS.inclusions()) {
            String what = "inclusion " + v.leafIndex() + " in " + v.treeSize();
            assertEquals(v.path(), InclusionProof.generate(SOURCE, v.leafIndex(), v.treeSize()).path(), what);
            Hash leaf = SOURCE.leaf(v.leafIndex());
            Hash root = VECTORS.roots().get((int) v.treeSize());
            assertDoesNotThrow(() -> InclusionProof.verify(v.leafIndex(), v.treeSize(), leaf, v.path(), root), what);
        }
    }

    @Test
    void publishedConsistencyProofsAreGeneratedExactlyAndVerify() {
        for (MerkleVectors.Consistency v : VECTORS.consistencies()) {
            String what = "consistency " + v.size1() + " to " + v.size2();
            assertEquals(v.path(), ConsistencyProof.generate(SOURCE, v.size1(), v.size2()).path(), what);
            Hash root1 = VECTORS.roots().get((int) v.size1());
            Hash root2 = VECTORS.roots().get((int) v.size2());
            assertDoesNotThrow(() -> ConsistencyProof.verify(v.size1(), v.size2(), root1, root2, v.path()), what);
        }
    }

    @Test
    void publishedProofsFailWhenAnyHashIsCorrupted() {
        for (MerkleVectors.Inclusion v : VECTORS.inclusions()) {
            Hash root = VECTORS.roots().get((int) v.treeSize());
            Mutations.assertInclusionRejectsCorruption(v.leafIndex(), v.treeSize(), SOURCE.leaf(v.leafIndex()), v.path(), root, "vector");
        }
        for (MerkleVectors.Consistency v : VECTORS.consistencies()) {
            Hash root1 = VECTORS.roots().get((int) v.size1());
            Hash root2 = VECTORS.roots().get((int) v.size2());
            Mutations.assertConsistencyRejectsCorruption(v.size1(), v.size2(), root1, root2, v.path(), "vector");
        }
    }
}
