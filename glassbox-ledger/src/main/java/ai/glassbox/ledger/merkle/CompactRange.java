package ai.glassbox.ledger.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The roots of the perfect subtrees that make up a tree of any size, largest first: one for each set
 * bit of the size. Appending a leaf merges equal-sized subtrees like a binary carry, so it costs
 * O(1) amortised node hashes, and the tree root is O(log n) away, never a recomputation of
 * everything. Holds O(log n) hashes. Not thread-safe.
 */
public final class CompactRange {
    private final List<Hash> roots = new ArrayList<>();
    private long size;

    /** An empty range: size 0, root {@link MerkleHash#EMPTY_ROOT}. */
    public CompactRange() {}

    /**
     * The range of a tree of {@code size} leaves, from its perfect subtree roots, largest first (as
     * {@link #subtreeRoots} gives them).
     *
     * @throws IllegalArgumentException if there is not one root per set bit of {@code size}
     */
    public static CompactRange of(long size, List<Hash> subtreeRoots) {
        if (size < 0 || Long.bitCount(size) != subtreeRoots.size()) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + Math.max(0, Long.bitCount(size)) + " subtree roots, not " + subtreeRoots.size());
        }
        CompactRange range = new CompactRange();
        subtreeRoots.forEach(r -> range.roots.add(Objects.requireNonNull(r, "subtree root")));
        range.size = size;
        return range;
    }

    /**
     * Appends the leaf hash of entry {@link #size()}.
     *
     * @return the roots of the perfect subtrees the leaf completes, from 2 leaves upwards: entry
     *     {@code h - 1} covers the {@code 2^h} leaves ending at the new one (empty when its index is even)
     */
    public List<Hash> append(Hash leafHash) {
        Objects.requireNonNull(leafHash, "leafHash");
        Hash carry = leafHash;
        List<Hash> completed = new ArrayList<>();
        // Each trailing one bit of the old size is a perfect subtree the same size as the carry.
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            carry = MerkleHash.node(roots.removeLast(), carry);
            completed.add(carry);
        }
        roots.add(carry);
        size++;
        return completed;
    }

    /** Number of leaves appended. */
    public long size() {
        return size;
    }

    /**
     * MTH(D[size]). Folding the subtree roots from the right is §2.1.1's split: the largest one is
     * MTH(D[0:k]) and the fold of the rest is MTH(D[k:n]).
     */
    public Hash root() {
        if (roots.isEmpty()) return MerkleHash.EMPTY_ROOT;
        Hash root = roots.getLast();
        for (int i = roots.size() - 2; i >= 0; i--) {
            root = MerkleHash.node(roots.get(i), root);
        }
        return root;
    }

    /** The perfect subtree roots, largest (leftmost) first. */
    public List<Hash> subtreeRoots() {
        return List.copyOf(roots);
    }
}
