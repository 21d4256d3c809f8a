package ai.glassbox.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompactRangeTest {
    private static final long SEED = Long.getLong("glassbox.merkle.seed", 9162L);

    @Test
    void incrementalRootEqualsMthOfTheWholeListForEverySizeUpTo300() {
        List<Hash> leaves = ReferenceProofs.randomLeaves(new SplittableRandom(SEED), 300);
        CompactRange range = new CompactRange();
        InMemoryLeafSource source = new InMemoryLeafSource();
        for (int n = 0; n <= 300; n++) {
            Hash want = MerkleHash.mth(leaves.subList(0, n));
            String what = "size " + n + " seed " + SEED;
            assertEquals(want, range.root(), what);
            assertEquals(want, source.root(), what);
            assertEquals(n, range.size());
            assertEquals(Long.bitCount(n), range.subtreeRoots().size(), what);
            if (n < 300) {
                range.append(leaves.get(n));
                source.append(leaves.get(n));
            }
        }
    }

    @Test
    void subtreeRootsArePerfectSubtreesLargestFirst() {
        List<Hash> leaves = ReferenceProofs.randomLeaves(new SplittableRandom(SEED), 13);
        CompactRange range = new CompactRange();
        leaves.forEach(range::append);
        // 13 = 8 + 4 + 1
        assertEquals(List.of(MerkleHash.mth(leaves.subList(0, 8)), MerkleHash.mth(leaves.subList(8, 12)), leaves.get(12)), range.subtreeRoots());
    }
}
