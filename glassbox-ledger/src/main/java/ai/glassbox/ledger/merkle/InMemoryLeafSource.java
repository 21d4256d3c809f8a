package ai.glassbox.ledger.merkle;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An append-only {@link LeafSource} in memory that keeps the hash of every perfect subtree, so
 * {@link #subtree} is one array read and proofs cost O(log n). Hashes are packed 32 bytes apiece in
 * one array per level (about 64 bytes per leaf in all), which keeps a million leaves near 64 MiB
 * instead of two million objects. At most {@value #MAX_LEAVES} leaves. Not thread-safe.
 */
public final class InMemoryLeafSource implements LeafSource {
    /** The most leaves one packed array per level can hold. */
    public static final int MAX_LEAVES = Integer.MAX_VALUE / Hash.LENGTH;

    // levels[h] holds the roots of the perfect subtrees of 2^h leaves, left to right.
    private byte[][] levels = new byte[1][Hash.LENGTH * 16];
    private int size;

    /** An empty source. */
    public InMemoryLeafSource() {}

    /** A source holding {@code leafHashes} in order. */
    public static InMemoryLeafSource of(List<Hash> leafHashes) {
        InMemoryLeafSource source = new InMemoryLeafSource();
        leafHashes.forEach(source::append);
        return source;
    }

    /**
     * Appends the leaf hash of entry {@link #size()} and the roots of the subtrees it completes.
     *
     * @throws IllegalStateException if the source already holds {@value #MAX_LEAVES} leaves
     */
    public void append(Hash leafHash) {
        Objects.requireNonNull(leafHash, "leafHash");
        if (size == MAX_LEAVES) throw new IllegalStateException("in-memory source is full at " + size + " leaves");
        leafHash.copyTo(slot(0, size), size * Hash.LENGTH);
        // Leaf `size` is a right child at each level where its index bit is one: hash upwards.
        int index = size;
        for (int h = 0; (index & 1) == 1; h++, index >>>= 1) {
            byte[] below = levels[h];
            int parent = index >>> 1;
            MerkleHash.node(below, (index - 1) * Hash.LENGTH, index * Hash.LENGTH, slot(h + 1, parent), parent * Hash.LENGTH);
        }
        size++;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Hash leaf(long index) {
        Objects.checkIndex(index, size);
        return Hash.of(levels[0], (int) index * Hash.LENGTH);
    }

    @Override
    public Hash subtree(long start, long end) {
        long width = end - start;
        if (!MerkleHash.isPowerOfTwo(width) || start % width != 0 || start < 0 || end > size) {
            throw new IllegalArgumentException("[" + start + ", " + end + ") is not a perfect subtree of " + size + " leaves");
        }
        int h = Long.numberOfTrailingZeros(width);
        return Hash.of(levels[h], (int) (start >>> h) * Hash.LENGTH);
    }

    /** MTH(D[size]), from at most log2(n) stored subtree roots. */
    public Hash root() {
        return mth(0, size);
    }

    /** The array for level {@code h}, grown so that node {@code index} fits. */
    private byte[] slot(int h, int index) {
        if (h == levels.length) {
            levels = Arrays.copyOf(levels, h + 1);
            levels[h] = new byte[Hash.LENGTH * 16];
        }
        long needed = (long) (index + 1) * Hash.LENGTH;
        if (needed > levels[h].length) {
            levels[h] = Arrays.copyOf(levels[h], (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * levels[h].length)));
        }
        return levels[h];
    }
}
