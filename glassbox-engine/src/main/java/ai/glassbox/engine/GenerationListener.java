package ai.glassbox.engine;

/**
 * Receives a generation as it happens. Called on the generating thread; keep it quick.
 */
public interface GenerationListener {
    /** Text that is final: complete UTF-8 characters, never part of a stop string. */
    void onText(String text);

    /**
     * A generated token and the logits it was chosen from (the array is reused: copy what you
     * keep). Return false to stop generating.
     */
    default boolean onToken(int step, int token, float[] logits) {
        return true;
    }

    GenerationListener NONE = text -> {};
}
