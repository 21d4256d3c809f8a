package ai.glassbox.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Corruptions of a valid proof that verification must reject with a {@link ProofException}: single
 * bit flips, truncation, extension, reordering, and wrong indices and sizes.
 */
final class Mutations {
    /** Every bit of a 32-byte hash. */
    static final int[] EVERY_BIT = IntStream.range(0, Hash.LENGTH * 8).toArray();

    private Mutations() {}

    static Hash flip(Hash hash, int bit) {
        byte[] b = hash.bytes();
        b[bit >>> 3] ^= (byte) (1 << (bit & 7));
        return new Hash(b);
    }

    static void assertInclusionRejectsCorruption(long index, long size, Hash leaf, List<Hash> path, Hash root, String repro) {
        assertInclusionRejectsCorruption(index, size, leaf, path, root, EVERY_BIT, repro);
    }

    /** Asserts that each corruption of a valid inclusion proof fails; {@code bits} are the bit positions to flip in each hash. */
    static void assertInclusionRejectsCorruption(long index, long size, Hash leaf, List<Hash> path, Hash root, int[] bits, String repro) {
        String at = "leaf " + index + " size " + size + ": ";
        for (int bit : bits) {
            rejectsInclusion(index, size, flip(leaf, bit), path, root, at + "leaf bit " + bit, repro);
            rejectsInclusion(index, size, leaf, path, flip(root, bit), at + "root bit " + bit, repro);
            for (int i = 0; i < path.size(); i++) {
                rejectsInclusion(index, size, leaf, replace(path, i, h -> flip(h, bit)), root, at + "path[" + i + "] bit " + bit, repro);
            }
        }
        for (List<Hash> changed : reshaped(path, leaf, root)) {
            rejectsInclusion(index, size, leaf, changed, root, at + "path of " + changed.size() + " " + changed, repro);
        }
        for (long wrong : new long[] {index - 1, index + 1, index ^ 2, -1, size}) {
            if (wrong != index) rejectsInclusion(wrong, size, leaf, path, root, at + "index " + wrong, repro);
        }
        // Only sizes that reshape the path: the size is bound to the root by the signed tree head, not the proof.
        for (long wrong : new long[] {size * 2, size / 2, 0}) {
            rejectsInclusion(index, wrong, leaf, path, root, at + "size " + wrong, repro);
        }
    }

    static void assertConsistencyRejectsCorruption(long size1, long size2, Hash root1, Hash root2, List<Hash> path, String repro) {
        assertConsistencyRejectsCorruption(size1, size2, root1, root2, path, EVERY_BIT, repro);
    }

    /** Asserts that each corruption of a valid, non-trivial (0 < size1 < size2) consistency proof fails. */
    static void assertConsistencyRejectsCorruption(long size1, long size2, Hash root1, Hash root2, List<Hash> path, int[] bits, String repro) {
        String at = "sizes " + size1 + " -> " + size2 + ": ";
        if (size1 == 0 || size1 == size2) {
            rejectsConsistency(size1, size2, root1, root2, List.of(root1), at + "non-empty proof", repro);
            rejectsConsistency(size1, size2, flip(root1, bits[0]), root2, path, at + "root1 flipped", repro);
            return;
        }
        for (int bit : bits) {
            rejectsConsistency(size1, size2, flip(root1, bit), root2, path, at + "root1 bit " + bit, repro);
            rejectsConsistency(size1, size2, root1, flip(root2, bit), path, at + "root2 bit " + bit, repro);
            for (int i = 0; i < path.size(); i++) {
                rejectsConsistency(size1, size2, root1, root2, replace(path, i, h -> flip(h, bit)), at + "path[" + i + "] bit " + bit, repro);
            }
        }
        for (List<Hash> changed : reshaped(path, root1, root2)) {
            rejectsConsistency(size1, size2, root1, root2, changed, at + "path of " + changed.size() + " " + changed, repro);
        }
        rejectsConsistency(size1, size2, root1, root2, List.of(), at + "empty proof", repro);
        rejectsConsistency(size1, size2, root2, root1, path, at + "swapped roots", repro);
        for (long wrong : new long[] {size1 - 1, size1 + 1, size1 ^ 2, size1 * 2, -1}) {
            if (wrong != size1) rejectsConsistency(wrong, size2, root1, root2, path, at + "size1 " + wrong, repro);
        }
        for (long wrong : new long[] {size2 * 2, size2 / 2, size1 - 1}) {
            rejectsConsistency(size1, wrong, root1, root2, path, at + "size2 " + wrong, repro);
        }
    }

    /** The path with hashes removed, added, duplicated or swapped. */
    private static List<List<Hash>> reshaped(List<Hash> path, Hash a, Hash b) {
        List<List<Hash>> out = new ArrayList<>();
        out.add(with(path, path.size(), a));
        out.add(with(path, path.size(), b));
        out.add(with(path, 0, a));
        out.add(with(path, path.size(), MerkleHash.EMPTY_ROOT));
        if (!path.isEmpty()) {
            out.add(path.subList(0, path.size() - 1));
            out.add(path.subList(1, path.size()));
            out.add(with(path, 0, path.getFirst()));
            out.add(with(path, path.size() / 2, MerkleHash.EMPTY_ROOT));
        }
        for (int i = 0; i + 1 < path.size(); i++) {
            if (path.get(i).equals(path.get(i + 1))) continue;
            List<Hash> swapped = new ArrayList<>(path);
            swapped.set(i, path.get(i + 1));
            swapped.set(i + 1, path.get(i));
            out.add(swapped);
        }
        return out;
    }

    private static List<Hash> with(List<Hash> path, int at, Hash extra) {
        List<Hash> out = new ArrayList<>(path);
        out.add(at, extra);
        return out;
    }

    private static List<Hash> replace(List<Hash> path, int i, UnaryOperator<Hash> change) {
        List<Hash> out = new ArrayList<>(path);
        out.set(i, change.apply(out.get(i)));
        return out;
    }

    private static void rejectsInclusion(long index, long size, Hash leaf, List<Hash> path, Hash root, String what, String repro) {
        assertThrows(ProofException.class, () -> InclusionProof.verify(index, size, leaf, path, root), () -> "accepted " + what + "; " + repro);
    }

    private static void rejectsConsistency(long size1, long size2, Hash root1, Hash root2, List<Hash> path, String what, String repro) {
        assertThrows(ProofException.class, () -> ConsistencyProof.verify(size1, size2, root1, root2, path), () -> "accepted " + what + "; " + repro);
    }

}
