package ai.glassbox.ledger.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * RFC 9162 §2.1.3.1 PATH and §2.1.4.1 PROOF written as literally as possible over lists, with no
 * subtree cache: an independent check of the generators. O(n) per proof.
 */
final class ReferenceProofs {
    private ReferenceProofs() {}

    static List<Hash> path(int m, List<Hash> d) {
        int n = d.size();
        if (n == 1) return new ArrayList<>();
        int k = Integer.highestOneBit(n - 1);
        List<Hash> out;
        if (m < k) {
            out = path(m, d.subList(0, k));
            out.add(MerkleHash.mth(d.subList(k, n)));
        } else {
            out = path(m - k, d.subList(k, n));
            out.add(MerkleHash.mth(d.subList(0, k)));
        }
        return out;
    }

    static List<Hash> proof(int m, List<Hash> d) {
        return m == 0 || m == d.size() ? new ArrayList<>() : subproof(m, d, true);
    }

    private static List<Hash> subproof(int m, List<Hash> d, boolean b) {
        int n = d.size();
        if (m == n) return b ? new ArrayList<>() : new ArrayList<>(List.of(MerkleHash.mth(d)));
        int k = Integer.highestOneBit(n - 1);
        List<Hash> out;
        if (m <= k) {
            out = subproof(m, d.subList(0, k), b);
            out.add(MerkleHash.mth(d.subList(k, n)));
        } else {
            out = subproof(m - k, d.subList(k, n), false);
            out.add(MerkleHash.mth(d.subList(0, k)));
        }
        return out;
    }

    /** Distinct random leaf hashes. */
    static List<Hash> randomLeaves(SplittableRandom random, int n) {
        List<Hash> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] entry = new byte[random.nextInt(1, 48)];
            random.nextBytes(entry);
            leaves.add(MerkleHash.leaf(entry));
        }
        return leaves;
    }

    /** Tree sizes worth testing: 1, 2, every power of two up to 2048 and its neighbours, and random ones up to 4000. */
    static TreeSet<Integer> sizes(SplittableRandom random) {
        TreeSet<Integer> sizes = new TreeSet<>(List.of(1, 2, 3, 5, 6, 7, 11, 13, 100, 1000));
        for (int p = 1; p <= 2048; p <<= 1) {
            sizes.add(p);
            sizes.add(p + 1);
            if (p > 1) sizes.add(p - 1);
        }
        for (int i = 0; i < 8; i++) sizes.add(random.nextInt(1, 4001));
        return sizes;
    }

    /** A few bit positions to flip per hash: both ends and some at random. */
    static int[] someBits(SplittableRandom random) {
        return new int[] {0, 255, random.nextInt(256), random.nextInt(256)};
    }
}
