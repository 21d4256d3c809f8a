package ai.glassbox.engine.chat;

/**
 * The template itself refused the input by calling {@code raise_exception(message)}, for example
 * because conversation roles do not alternate. {@link #templateMessage()} is the template's own text.
 */
public final class TemplateRaisedException extends TemplateException {
    private final String templateMessage;

    TemplateRaisedException(Position at, String templateMessage) {
        super(at, "raise_exception: " + templateMessage);
        this.templateMessage = templateMessage;
    }

    /** The message the template passed to {@code raise_exception}. */
    public String templateMessage() {
        return templateMessage;
    }
}
