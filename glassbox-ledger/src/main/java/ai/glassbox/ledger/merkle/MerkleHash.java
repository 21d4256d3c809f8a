package ai.glassbox.ledger.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * RFC 9162 §2.1.1 hashing with SHA-256. Leaves and interior nodes get different one-byte prefixes
 * so that a leaf can never be passed off as a node (second-preimage resistance). Thread-safe.
 */
public final class MerkleHash {
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    // MessageDigest is not thread-safe, and getInstance costs more than a hash of 65 bytes.
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleHash::newDigest);

    /** MTH({}) = SHA-256() = e3b0c442…b855, the root of the empty tree. */
    public static final Hash EMPTY_ROOT = new Hash(newDigest().digest());

    private MerkleHash() {}

    /** MTH({d}) = SHA-256(0x00 ‖ d): the leaf hash of one entry. */
    public static Hash leaf(byte[] entry) {
        Objects.requireNonNull(entry, "entry");
        MessageDigest sha = SHA256.get();
        sha.update(LEAF_PREFIX);
        sha.update(entry);
        return new Hash(sha.digest());
    }

    /** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node. */
    public static Hash node(Hash left, Hash right) {
        MessageDigest sha = SHA256.get();
        sha.update(NODE_PREFIX);
        left.update(sha);
        right.update(sha);
        return new Hash(sha.digest());
    }

    /**
     * The node hash of two hashes packed in {@code src}, written into {@code dst}: the same as
     * {@link #node(Hash, Hash)} without allocating, for building large trees.
     */
    static void node(byte[] src, int leftOffset, int rightOffset, byte[] dst, int dstOffset) {
        MessageDigest sha = SHA256.get();
        sha.update(NODE_PREFIX);
        sha.update(src, leftOffset, Hash.LENGTH);
        sha.update(src, rightOffset, Hash.LENGTH);
        try {
            sha.digest(dst, dstOffset, Hash.LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 output does not fit at offset " + dstOffset, e);
        }
    }

    /**
     * MTH(D[n]) of RFC 9162 §2.1.1 over leaf hashes, computed from scratch: the empty root for n = 0,
     * the leaf hash itself for n = 1, otherwise the node hash of MTH(D[0:k]) and MTH(D[k:n]) with k
     * the largest power of two smaller than n. O(n); use {@link CompactRange} to maintain a root.
     */
    public static Hash mth(List<Hash> leafHashes) {
        return mth(List.copyOf(leafHashes), 0, leafHashes.size());
    }

    private static Hash mth(List<Hash> leafHashes, int start, int end) {
        int n = end - start;
        if (n == 0) return EMPTY_ROOT;
        if (n == 1) return leafHashes.get(start);
        int k = (int) largestPowerOfTwoBelow(n);
        return node(mth(leafHashes, start, start + k), mth(leafHashes, start + k, end));
    }

    /** The largest power of two strictly smaller than {@code n}, the split point k of §2.1.1; n > 1. */
    static long largestPowerOfTwoBelow(long n) {
        assert n > 1 : n;
        return Long.highestOneBit(n - 1);
    }

    /** Whether {@code n} is a positive power of two. */
    static boolean isPowerOfTwo(long n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
