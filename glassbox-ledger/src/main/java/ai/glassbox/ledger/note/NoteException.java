package ai.glassbox.ledger.note;

import java.util.Objects;

/**
 * A signed note, or the checkpoint it carries, was rejected. {@link #reason()} says which check
 * failed; the message names the line, the key ({@code name+keyid}) or the tree sizes involved.
 */
public final class NoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a note or checkpoint was rejected. */
    public enum Reason {
        /** The note breaks the signed-note format: no blank line, a bad signature line, bad base64, too many signatures, a bad text. */
        MALFORMED,
        /** No signature in the note is by a known key (name and key ID both match a verifier). */
        UNKNOWN_KEY,
        /** A signature claiming a known key's name and key ID does not verify: the text or the signature was altered. */
        BAD_SIGNATURE,
        /** The verified note text is not a C2SP tlog-checkpoint body. */
        NOT_A_CHECKPOINT,
        /** The checkpoint's origin is not the key name of the log that signed it. */
        WRONG_ORIGIN,
        /** The newer checkpoint is smaller than the trusted one. */
        ROLLBACK,
        /** Two checkpoints of the same size have different roots: the log shows different trees. */
        FORK,
        /** The consistency proof does not show the trusted tree to be a prefix of the newer one. */
        INCONSISTENT
    }

    private final Reason reason;

    NoteException(Reason reason, String message) {
        this(reason, message, null);
    }

    NoteException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The check that failed. */
    public Reason reason() {
        return reason;
    }
}
