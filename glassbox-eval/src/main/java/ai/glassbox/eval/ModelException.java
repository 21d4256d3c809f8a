package ai.glassbox.eval;

/**
 * A model could not answer a request. {@link #retriable()} tells whether trying again later may
 * succeed (rate limits, server errors, timeouts) or not (a bad request, a missing endpoint).
 */
public class ModelException extends RuntimeException {
    private final boolean retriable;

    public ModelException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public ModelException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
