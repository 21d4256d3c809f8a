package ai.glassbox.engine.chat;

/** Python's {@code None} inside the interpreter; input {@code null}s are converted to it. */
enum None {
    NONE;

    @Override
    public String toString() {
        return "None";
    }
}
