package ai.glassbox.ledger.signing;

/** A key that cannot be read or is not an Ed25519 key. */
public final class KeyException extends RuntimeException {
    public KeyException(String message) {
        super(message);
    }

    public KeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
