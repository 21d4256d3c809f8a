package ai.glassbox.ledger.attestation;

/** An attestation that is malformed or does not match what it attests; the message says why. */
public final class AttestationException extends RuntimeException {
    public AttestationException(String message) {
        super(message);
    }
}
