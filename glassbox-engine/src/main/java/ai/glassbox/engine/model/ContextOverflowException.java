package ai.glassbox.engine.model;

/** More tokens than the session's context length holds. */
public final class ContextOverflowException extends RuntimeException {
    public ContextOverflowException(int needed, int contextLength) {
        super("context overflow: " + needed + " positions needed, the context holds " + contextLength + " (raise --ctx)");
    }
}
