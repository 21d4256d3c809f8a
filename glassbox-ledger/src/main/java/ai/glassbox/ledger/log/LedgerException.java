package ai.glassbox.ledger.log;

/** A ledger database that can't be opened, read or written, with what and where. */
public class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
