package ai.glassbox.engine.chat;

/**
 * A chat template could not be parsed or rendered. The message names the template position as
 * {@code line:column} and what went wrong.
 */
public class TemplateException extends RuntimeException {
    private final int line;
    private final int column;

    TemplateException(Position at, String what) {
        super("template " + at + ": " + what);
        this.line = at.line();
        this.column = at.column();
    }

    /** The 1-based line of the template where the problem was found. */
    public int line() {
        return line;
    }

    /** The 1-based column of the template where the problem was found. */
    public int column() {
        return column;
    }
}
