package ai.glassbox.ledger.merkle;

import ai.glassbox.ledger.merkle.ProofException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Merkle consistency proof of RFC 9162 §2.1.4: the hashes showing that the tree of {@code size1}
 * leaves is a prefix of the tree of {@code size2} leaves. The record only carries the values;
 * {@link #verify(Hash, Hash)} checks them.
 *
 * @param size1 the size of the older tree, as claimed
 * @param size2 the size of the newer tree, as claimed
 * @param path the consistency path, lowest level first
 */
public record ConsistencyProof(long size1, long size2, List<Hash> path) {
    /** Copies {@code path}, which may not hold nulls. */
    public ConsistencyProof {
        path = List.copyOf(path);
    }

    /**
     * PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of §2.1.4.1 between the first {@code size1} and the
     * first {@code size2} leaves of {@code source}. The RFC defines it for 0 < m < n; for m = 0 and
     * m = n the proof is empty, which is what {@link #verify(long, long, Hash, Hash, List)} expects.
     *
     * @throws IllegalArgumentException if not {@code 0 <= size1 <= size2 <= source.size()}
     */
    public static ConsistencyProof generate(LeafSource source, long size1, long size2) {
        if (size1 < 0 || size1 > size2 || size2 > source.size()) {
            throw new IllegalArgumentException("no consistency proof from size " + size1 + " to " + size2 + " of " + source.size() + " leaves");
        }
        List<Hash> path = new ArrayList<>();
        if (size1 > 0 && size1 < size2) addSubproof(source, size1, 0, size2, true, path);
        return new ConsistencyProof(size1, size2, path);
    }

    // SUBPROOF(m, D[start:end], b) with m relative to start; the recursion's inner result comes first.
    private static void addSubproof(LeafSource source, long m, long start, long end, boolean b, List<Hash> path) {
        long n = end - start;
        if (m == n) {
            // SUBPROOF(m, D[m], true) = {}: the verifier already holds MTH(D[m]) as the first root.
            if (!b) path.add(source.mth(start, end));
            return;
        }
        long k = MerkleHash.largestPowerOfTwoBelow(n);
        if (m <= k) {
            addSubproof(source, m, start, start + k, b, path);
            path.add(source.mth(start + k, end));
        } else {
            addSubproof(source, m - k, start + k, end, false, path);
            path.add(source.subtree(start, start + k));
        }
    }

    /**
     * Verifies this proof between {@code root1} and {@code root2}.
     *
     * @throws ProofException if it does not verify
     */
    public void verify(Hash root1, Hash root2) {
        verify(size1, size2, root1, root2, path);
    }

    /**
     * Returns normally only if {@code consistencyPath} proves that the tree of {@code size1} leaves
     * with root {@code root1} is a prefix of the tree of {@code size2} leaves with root {@code
     * root2}. Pure and thread-safe.
     *
     * <p>For 0 < size1 < size2 this is the algorithm of RFC 9162 §2.1.4.2, step by step. The RFC
     * defines proofs only there, so the edges are strict: size1 = size2 needs an empty proof and
     * equal roots; size1 = 0 is trivially consistent with any tree, but still needs an empty proof
     * and root1 = MTH({}), since no other root can belong to the empty tree.
     *
     * @throws ProofException naming the failed check
     */
    public static void verify(long size1, long size2, Hash root1, Hash root2, List<Hash> consistencyPath) {
        Objects.requireNonNull(root1, "root1");
        Objects.requireNonNull(root2, "root2");
        String where = "consistency proof from size " + size1 + " to " + size2;
        if (size1 < 0 || size2 < 0) {
            throw new ProofException(Reason.TREE_SIZE_OUT_OF_RANGE, where + ": negative tree size");
        }
        if (size1 > size2) {
            throw new ProofException(Reason.SIZES_OUT_OF_ORDER, where + ": the first tree is larger than the second");
        }
        if (size1 == size2 || size1 == 0) {
            verifyTrivial(where, size1, size2, root1, root2, consistencyPath);
            return;
        }
        // 1. An empty consistency_path fails.
        if (consistencyPath.isEmpty()) {
            throw new ProofException(Reason.PROOF_TOO_SHORT, where + ": empty proof");
        }
        // 2. When first is a power of two, first_hash is the left edge of both trees: prepend it.
        List<Hash> path = consistencyPath;
        if (MerkleHash.isPowerOfTwo(size1)) {
            path = new ArrayList<>(consistencyPath.size() + 1);
            path.add(root1);
            path.addAll(consistencyPath);
        }
        // 3. fn = first - 1, sn = second - 1.
        long fn = size1 - 1;
        long sn = size2 - 1;
        // 4. Skip the levels where fn is a right child: both trees share those subtrees whole.
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        // 5. fr = sr = the first value of the path.
        Hash fr = path.getFirst();
        Hash sr = fr;
        // 6. For each subsequent value c:
        for (Hash c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw new ProofException(Reason.PROOF_TOO_LONG, where + ": " + consistencyPath.size() + " hashes is too many");
            }
            if ((fn & 1) == 1 || fn == sn) {
                // c is a left sibling in both trees.
                fr = MerkleHash.node(c, fr);
                sr = MerkleHash.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                // c is a right sibling that only the second tree has.
                sr = MerkleHash.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // 7. fr == first_hash, sr == second_hash and sn == 0.
        if (sn != 0) {
            throw new ProofException(Reason.PROOF_TOO_SHORT, where + ": " + consistencyPath.size() + " hashes is too few");
        }
        if (!fr.equals(root1)) {
            throw new ProofException(Reason.FIRST_ROOT_MISMATCH, where + ": computed first root " + fr + ", expected " + root1);
        }
        if (!sr.equals(root2)) {
            throw new ProofException(Reason.ROOT_MISMATCH, where + ": computed second root " + sr + ", expected " + root2);
        }
    }

    private static void verifyTrivial(String where, long size1, long size2, Hash root1, Hash root2, List<Hash> consistencyPath) {
        if (!consistencyPath.isEmpty()) {
            throw new ProofException(Reason.PROOF_TOO_LONG, where + ": the proof must be empty, got " + consistencyPath.size() + " hashes");
        }
        if (size1 == 0 && !root1.equals(MerkleHash.EMPTY_ROOT)) {
            throw new ProofException(Reason.FIRST_ROOT_MISMATCH, where + ": the empty tree's root is " + MerkleHash.EMPTY_ROOT + ", got " + root1);
        }
        if (size1 == size2 && !root1.equals(root2)) {
            throw new ProofException(Reason.ROOT_MISMATCH, where + ": equal sizes with different roots " + root1 + " and " + root2);
        }
    }
}
