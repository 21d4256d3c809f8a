package ai.glassbox.ledger.merkle;

import ai.glassbox.ledger.merkle.ProofException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Merkle inclusion proof (audit path) of RFC 9162 §2.1.3: the hashes that, combined with the leaf
 * hash at {@code leafIndex}, rebuild the root of the tree of {@code treeSize} leaves. The record
 * only carries the values; {@link #verify(Hash, Hash)} checks them.
 *
 * @param leafIndex the leaf's index from 0, as claimed
 * @param treeSize the number of leaves in the tree, as claimed
 * @param path the audit path, lowest level first
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> path) {
    /** Copies {@code path}, which may not hold nulls. */
    public InclusionProof {
        path = List.copyOf(path);
    }

    /**
     * PATH(m, D[n]) of §2.1.3.1 for leaf {@code leafIndex} in the first {@code treeSize} leaves of
     * {@code source}. O(log n) calls to {@link LeafSource#subtree}, plus one {@link LeafSource#mth}
     * of a right edge.
     *
     * @throws IllegalArgumentException if not {@code 0 <= leafIndex < treeSize <= source.size()}
     */
    public static InclusionProof generate(LeafSource source, long leafIndex, long treeSize) {
        if (leafIndex < 0 || leafIndex >= treeSize || treeSize > source.size()) {
            throw new IllegalArgumentException("no leaf " + leafIndex + " in a tree of " + treeSize + " of " + source.size() + " leaves");
        }
        List<Hash> path = new ArrayList<>();
        addPath(source, leafIndex, 0, treeSize, path);
        return new InclusionProof(leafIndex, treeSize, path);
    }

    // PATH(m, D[start:end]) with m relative to start; the recursion's inner result comes first.
    private static void addPath(LeafSource source, long m, long start, long end, List<Hash> path) {
        long n = end - start;
        if (n == 1) return; // PATH(0, {d(0)}) = {}
        long k = MerkleHash.largestPowerOfTwoBelow(n);
        if (m < k) {
            addPath(source, m, start, start + k, path);
            path.add(source.mth(start + k, end));
        } else {
            addPath(source, m - k, start + k, end, path);
            path.add(source.subtree(start, start + k));
        }
    }

    /**
     * Verifies this proof for {@code leafHash} against {@code rootHash}.
     *
     * @throws ProofException if it does not verify
     */
    public void verify(Hash leafHash, Hash rootHash) {
        verify(leafIndex, treeSize, leafHash, path, rootHash);
    }

    /**
     * The verification algorithm of RFC 9162 §2.1.3.2, step by step. Returns normally only if
     * {@code inclusionPath} proves that {@code leafHash} is leaf {@code leafIndex} of the tree of
     * {@code treeSize} leaves whose root is {@code rootHash}. Pure and thread-safe.
     *
     * <p>The tree size is checked only through the shape of path it implies, so another size with
     * the same shape also passes: take {@code treeSize} and {@code rootHash} from the same signed
     * tree head (checkpoint), which binds them together.
     *
     * @throws ProofException naming the failed check
     */
    public static void verify(long leafIndex, long treeSize, Hash leafHash, List<Hash> inclusionPath, Hash rootHash) {
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(rootHash, "rootHash");
        String where = "inclusion proof of leaf " + leafIndex + " in tree of size " + treeSize;
        // 1. leaf_index must be below tree_size (and, in Java's signed longs, not negative).
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new ProofException(Reason.LEAF_INDEX_OUT_OF_RANGE, where + ": leaf index out of range");
        }
        // 2. fn = leaf_index, sn = tree_size - 1.
        long fn = leafIndex;
        long sn = treeSize - 1;
        // 3. r = hash.
        Hash r = leafHash;
        // 4. For each p in inclusion_path:
        for (Hash p : inclusionPath) {
            // a. sn == 0 means the path already reached the root.
            if (sn == 0) {
                throw new ProofException(Reason.PROOF_TOO_LONG, where + ": " + inclusionPath.size() + " hashes is too many");
            }
            // b. p is a left sibling when fn is a right child or the last node of its level.
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.node(p, r);
                // Climb past the levels where fn is a lone rightmost node with no sibling.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleHash.node(r, p);
            }
            // c. Up one level.
            fn >>>= 1;
            sn >>>= 1;
        }
        // 5. sn == 0 and r == root_hash.
        if (sn != 0) {
            throw new ProofException(Reason.PROOF_TOO_SHORT, where + ": " + inclusionPath.size() + " hashes is too few");
        }
        if (!r.equals(rootHash)) {
            throw new ProofException(Reason.ROOT_MISMATCH, where + ": computed root " + r + ", expected " + rootHash);
        }
    }
}
