package ai.glassbox.ledger.merkle;

import java.util.Objects;

/**
 * An inclusion or consistency proof did not verify. {@link #reason()} says which check failed; the
 * message names the proof (leaf index and tree size, or the two sizes) and the values compared.
 */
public final class ProofException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which check of RFC 9162 §2.1.3.2 or §2.1.4.2 failed. */
    public enum Reason {
        /** The leaf index is negative or not below the tree size. */
        LEAF_INDEX_OUT_OF_RANGE,
        /** A tree size is negative. */
        TREE_SIZE_OUT_OF_RANGE,
        /** The first tree is larger than the second (size1 > size2). */
        SIZES_OUT_OF_ORDER,
        /** The proof has hashes left over when the path reaches the root, or should be empty. */
        PROOF_TOO_LONG,
        /** The proof runs out before the path reaches the root, or is empty where it may not be. */
        PROOF_TOO_SHORT,
        /** The root computed from an inclusion proof, or the second root of a consistency proof, differs. */
        ROOT_MISMATCH,
        /** The first (older) root computed from a consistency proof differs. */
        FIRST_ROOT_MISMATCH
    }

    private final Reason reason;

    ProofException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The check that failed. */
    public Reason reason() {
        return reason;
    }
}
