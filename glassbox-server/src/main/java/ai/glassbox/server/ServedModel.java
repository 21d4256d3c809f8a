package ai.glassbox.server;

import ai.glassbox.engine.DecodeLoop;
import ai.glassbox.engine.Engine;
import ai.glassbox.engine.chat.ChatMessage;
import ai.glassbox.engine.chat.ChatTemplate;
import ai.glassbox.engine.chat.RenderOptions;
import java.util.List;

/**
 * A model the server hosts: its engine, the decode loop its generations share, and its chat
 * template (ChatML when the file has none). Owns the engine and the loop.
 */
public final class ServedModel implements AutoCloseable {
    private final String id;
    private final Engine engine;
    private final DecodeLoop loop;
    private final ChatTemplate template;
    private final RenderOptions renderOptions;
    private final long createdEpochSeconds;

    private ServedModel(String id, Engine engine, DecodeLoop loop, long createdEpochSeconds, String templateSource) {
        this.id = id;
        this.engine = engine;
        this.loop = loop;
        this.template = ChatTemplate.parse(templateSource);
        this.renderOptions = RenderOptions.forTokenizer(engine.tokenizer());
        this.createdEpochSeconds = createdEpochSeconds;
    }

    /**
     * Serves {@code engine} as {@code id}, decoding up to {@code parallel} generations together
     * with {@code queueLimit} more waiting.
     */
    public static ServedModel of(String id, Engine engine, int parallel, int queueLimit, long createdEpochSeconds) {
        if (id.isBlank()) throw new IllegalArgumentException("model id must not be blank");
        var loop = new DecodeLoop(engine, parallel, queueLimit, Math.max(engine.options().batchSize(), parallel));
        return new ServedModel(id, engine, loop, createdEpochSeconds, engine.chatTemplate().orElse(ChatTemplate.CHATML));
    }

    /** The same model with another chat template (Jinja source), as llama.cpp's {@code --chat-template-file}. */
    public ServedModel withChatTemplate(String source) {
        return new ServedModel(id, engine, loop, createdEpochSeconds, source);
    }

    public String id() {
        return id;
    }

    public Engine engine() {
        return engine;
    }

    public DecodeLoop loop() {
        return loop;
    }

    public long createdEpochSeconds() {
        return createdEpochSeconds;
    }

    /** The chat prompt for {@code messages}, ending where the assistant's answer starts. */
    public String render(List<ChatMessage> messages) {
        return template.render(messages, renderOptions);
    }

    /** The text of one token as UTF-8 bytes (control tokens render as nothing). */
    public byte[] tokenBytes(int token) {
        return engine.tokenizer().tokenBytes(token, false);
    }

    @Override
    public void close() {
        loop.close();
        engine.close();
    }
}
