package ai.glassbox.ledger.merkle;

/** A checkpoint body, or a value for one, breaks the C2SP tlog-checkpoint format; the message names the line. */
public final class CheckpointFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    CheckpointFormatException(String message) {
        super(message);
    }

    CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
