package ai.glassbox.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The cached subtree hashes agree with recomputation, and proofs over a million leaves take a
 * logarithmic number of lookups. Lookups are counted, not timed: speed belongs to the benchmarks.
 */
class InMemoryLeafSourceTest {
    private static final long SEED = Long.getLong("glassbox.merkle.seed", 9162L);
    private static final int MILLION = 1_000_000;

    @Test
    void cachedSubtreesEqualSubtreesRecomputedFromLeaves() {
        List<Hash> leaves = ReferenceProofs.randomLeaves(new SplittableRandom(SEED), 100);
        InMemoryLeafSource source = InMemoryLeafSource.of(leaves);
        for (int width = 1; width <= 64; width <<= 1) {
            for (int start = 0; start + width <= 100; start += width) {
                assertEquals(MerkleHash.mth(leaves.subList(start, start + width)), source.subtree(start, start + width), "[" + start + ", " + (start + width) + ")");
            }
        }
        for (int start = 0; start <= 100; start += 7) {
            for (int end = start; end <= 100; end += 5) {
                assertEquals(MerkleHash.mth(leaves.subList(start, end)), source.mth(start, end), "[" + start + ", " + end + ")");
            }
        }
    }

    @Test
    void subtreeRejectsRangesThatAreNotPerfectSubtrees() {
        InMemoryLeafSource source = InMemoryLeafSource.of(ReferenceProofs.randomLeaves(new SplittableRandom(SEED), 10));
        assertThrows(IllegalArgumentException.class, () -> source.subtree(1, 3));
        assertThrows(IllegalArgumentException.class, () -> source.subtree(0, 3));
        assertThrows(IllegalArgumentException.class, () -> source.subtree(8, 16));
        assertThrows(IllegalArgumentException.class, () -> source.subtree(2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> source.leaf(10));
        assertThrows(IllegalArgumentException.class, () -> source.mth(3, 11));
    }

    @Test
    void proofsOverAMillionLeavesVerifyWithLogarithmicLookups() {
        InMemoryLeafSource source = new InMemoryLeafSource();
        CompactRange range = new CompactRange();
        ByteBuffer entry = ByteBuffer.allocate(Long.BYTES);
        for (long i = 0; i < MILLION; i++) {
            Hash leaf = MerkleHash.leaf(entry.clear().putLong(i).array());
            source.append(leaf);
            range.append(leaf);
        }
        Hash root = source.root();
        assertEquals(range.root(), root);

        CountingSource counting = new CountingSource(source);
        SplittableRandom random = new SplittableRandom(SEED);
        for (long index : new long[] {0, MILLION - 1, 524_288, random.nextLong(MILLION)}) {
            counting.lookups = 0;
            InclusionProof proof = InclusionProof.generate(counting, index, MILLION);
            // ceil(log2 1e6) = 20 path hashes; at most one right-edge MTH of up to 20 subtrees.
            assertTrue(counting.lookups <= 40, () -> counting.lookups + " lookups for leaf " + index);
            assertDoesNotThrow(() -> proof.verify(source.leaf(index), root), "leaf " + index);
        }
        for (long size1 : new long[] {1, 999_999, 524_288, 123_457}) {
            counting.lookups = 0;
            ConsistencyProof proof = ConsistencyProof.generate(counting, size1, MILLION);
            assertTrue(counting.lookups <= 20 * 20, () -> counting.lookups + " lookups from size " + size1);
            assertDoesNotThrow(() -> proof.verify(source.mth(0, size1), root), "size " + size1);
        }
    }

    /** Counts reads of stored hashes; {@code mth} stays the interface's default so its reads are counted too. */
    private static final class CountingSource implements LeafSource {
        private final LeafSource delegate;
        int lookups;

        CountingSource(LeafSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public Hash leaf(long index) {
            lookups++;
            return delegate.leaf(index);
        }

        @Override
        public Hash subtree(long start, long end) {
            lookups++;
            return delegate.subtree(start, end);
        }
    }
}
