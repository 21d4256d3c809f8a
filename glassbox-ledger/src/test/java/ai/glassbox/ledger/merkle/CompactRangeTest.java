package ai.glassbox.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void appendReportsTheSubtreesItCompletesAndARestoredRangeContinuesAlike() {
        List<Hash> leaves = ReferenceProofs.randomLeaves(new SplittableRandom(SEED), 40);
        CompactRange range = new CompactRange();
        for (int i = 0; i < leaves.size(); i++) {
            CompactRange restored = CompactRange.of(range.size(), range.subtreeRoots());
            List<Hash> completed = range.append(leaves.get(i));
            assertEquals(completed, restored.append(leaves.get(i)), "index " + i);
            assertEquals(range.root(), restored.root(), "index " + i);
            assertEquals(Integer.numberOfTrailingZeros(~i), completed.size(), "index " + i);
            for (int h = 1; h <= completed.size(); h++) {
                int start = i + 1 - (1 << h);
                assertEquals(MerkleHash.mth(leaves.subList(start, i + 1)), completed.get(h - 1), "index " + i + " level " + h);
            }
        }
    }

    @Test
    void restoringNeedsOneRootPerSetBit() {
        Hash h = ReferenceProofs.randomLeaves(new SplittableRandom(SEED), 1).getFirst();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompactRange.of(3, List.of(h)));
        assertEquals("a tree of 3 leaves has 2 subtree roots, not 1", e.getMessage());
    }
}
