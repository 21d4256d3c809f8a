package ai.glassbox.ledger.signing;

/** An envelope that is malformed or whose signatures do not verify; the message says why. */
public final class EnvelopeException extends RuntimeException {
    public EnvelopeException(String message) {
        super(message);
    }
}
