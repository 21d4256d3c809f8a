package ai.glassbox.ledger.log;

/** An append of an entry the log already holds: the same bytes are never logged twice. */
public final class DuplicateEntryException extends LedgerException {
    private final long index;

    public DuplicateEntryException(long index) {
        super("the entry is already in the log at index " + index);
        this.index = index;
    }

    /** Where the log holds the entry. */
    public long index() {
        return index;
    }
}
