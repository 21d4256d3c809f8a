package ai.glassbox.engine.chat;

/** A 1-based line and column in a template's source, used to locate errors. */
record Position(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
