package ai.glassbox.server;

import ai.glassbox.engine.DecodeLoop;
import ai.glassbox.engine.Engine;
import ai.glassbox.engine.chat.ChatMessage;
import ai.glassbox.engine.chat.ChatTemplate;
import ai.glassbox.engine.chat.RenderOptions;
import ai.glassbox.engine.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A model the server hosts: its engine, the decode loop its generations share, and its chat
 * template (ChatML when the file has none). Owns the engine and the loop.
 */
public final class ServedModel implements AutoCloseable {
    /** Used when a GGUF file carries no chat template. */
    static final String CHATML = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
            + "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

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
        Tokenizer tok = engine.tokenizer();
        this.renderOptions = RenderOptions.defaults()
                .withTokens(piece(tok, tok.bos().orElse(-1)), piece(tok, tok.eos().orElse(-1)))
                .withStripLeadingBos(tok.addsBos());
        this.createdEpochSeconds = createdEpochSeconds;
    }

    /**
     * Serves {@code engine} as {@code id}, decoding up to {@code parallel} generations together
     * with {@code queueLimit} more waiting.
     */
    public static ServedModel of(String id, Engine engine, int parallel, int queueLimit, long createdEpochSeconds) {
        if (id.isBlank()) throw new IllegalArgumentException("model id must not be blank");
        var loop = new DecodeLoop(engine, parallel, queueLimit, Math.max(engine.options().batchSize(), parallel));
        return new ServedModel(id, engine, loop, createdEpochSeconds, engine.chatTemplate().orElse(CHATML));
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

    private static String piece(Tokenizer tok, int id) {
        return id < 0 ? "" : new String(tok.tokenBytes(id), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        loop.close();
        engine.close();
    }
}
