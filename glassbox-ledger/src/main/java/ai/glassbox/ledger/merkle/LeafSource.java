package ai.glassbox.ledger.merkle;

/**
 * Read access to the leaf hashes of a log, from which proofs are generated; storage plugs in here.
 * Ranges are half-open, {@code [start, end)}, in leaf indices from 0. An implementation that keeps
 * node hashes overrides {@link #subtree} so that proofs cost O(log n) lookups instead of O(n)
 * hashing. Implementations say whether they are thread-safe.
 */
public interface LeafSource {
    /** Number of leaves available, at least the size of any tree asked about. */
    long size();

    /**
     * The leaf hash at {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    Hash leaf(long index);

    /**
     * MTH(D[start:end]) of a perfect subtree: {@code end - start} is a power of two and {@code
     * start} a multiple of it. The default hashes every leaf in the range.
     *
     * @throws IllegalArgumentException if the range is not a perfect subtree within {@code size()}
     */
    default Hash subtree(long start, long end) {
        long width = end - start;
        if (!MerkleHash.isPowerOfTwo(width) || start % width != 0 || end > size()) {
            throw new IllegalArgumentException("[" + start + ", " + end + ") is not a perfect subtree of " + size() + " leaves");
        }
        return width == 1 ? leaf(start) : MerkleHash.node(subtree(start, start + width / 2), subtree(start + width / 2, end));
    }

    /**
     * MTH(D[start:end]) of any range, by §2.1.1's split, reading whole perfect subtrees through
     * {@link #subtree} where the range allows. For a range that starts on a boundary of its own
     * largest subtree, as every range a proof needs does, that is O(log n) subtree lookups.
     *
     * @throws IllegalArgumentException if not {@code 0 <= start <= end <= size()}
     */
    default Hash mth(long start, long end) {
        if (start < 0 || start > end || end > size()) {
            throw new IllegalArgumentException("[" + start + ", " + end + ") is not a range of " + size() + " leaves");
        }
        long n = end - start;
        if (n == 0) return MerkleHash.EMPTY_ROOT;
        if (MerkleHash.isPowerOfTwo(n) && start % n == 0) return subtree(start, end);
        long k = MerkleHash.largestPowerOfTwoBelow(n);
        return MerkleHash.node(mth(start, start + k), mth(start + k, end));
    }
}
