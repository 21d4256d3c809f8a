package ai.glassbox.engine.chat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link ChatTemplate#render(java.util.List, RenderOptions)} renders a conversation. Start from
 * {@link #defaults()} and use the {@code withX} copies.
 *
 * @param addGenerationPrompt whether the template should open an assistant turn at the end
 * @param bosToken the model's BOS text, visible to the template as {@code bos_token}
 * @param eosToken the model's EOS text, visible as {@code eos_token}
 * @param date the date {@code strftime_now} reports and {@code date_string} holds
 * @param variables further template variables, e.g. {@code enable_thinking} or {@code tools}; they
 *     override the built-in ones. Values are strings, numbers, booleans, {@code null}, lists and maps
 * @param stripLeadingBos remove a leading {@code bosToken} from the output, as llama.cpp does when the
 *     tokenizer adds BOS itself
 * @param prefillFinalAssistant when the last message is the assistant's, render the rest with a
 *     generation prompt and append that message's content unterminated, so generation continues it
 *     (llama.cpp's server behaviour)
 */
public record RenderOptions(
        boolean addGenerationPrompt,
        String bosToken,
        String eosToken,
        LocalDate date,
        Map<String, Object> variables,
        boolean stripLeadingBos,
        boolean prefillFinalAssistant) {
    public RenderOptions {
        Objects.requireNonNull(bosToken, "bosToken");
        Objects.requireNonNull(eosToken, "eosToken");
        Objects.requireNonNull(date, "date");
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /**
     * A generation prompt, empty BOS/EOS texts, today's date, no extra variables, leading BOS
     * stripped and a final assistant message prefilled: llama.cpp's server conventions.
     */
    public static RenderOptions defaults() {
        return new RenderOptions(true, "", "", LocalDate.now(), Map.of(), true, true);
    }

    /**
     * The defaults with a tokenizer's BOS and EOS texts, stripping a leading BOS from the render
     * when the tokenizer adds one itself (so it is not there twice).
     */
    public static RenderOptions forTokenizer(ai.glassbox.engine.tokenizer.Tokenizer tok) {
        return defaults().withTokens(piece(tok, tok.bos().orElse(-1)), piece(tok, tok.eos().orElse(-1))).withStripLeadingBos(tok.addsBos());
    }

    private static String piece(ai.glassbox.engine.tokenizer.Tokenizer tok, int id) {
        return id < 0 ? "" : new String(tok.tokenBytes(id), java.nio.charset.StandardCharsets.UTF_8);
    }

    public RenderOptions withAddGenerationPrompt(boolean value) {
        return new RenderOptions(value, bosToken, eosToken, date, variables, stripLeadingBos, prefillFinalAssistant);
    }

    public RenderOptions withTokens(String bos, String eos) {
        return new RenderOptions(addGenerationPrompt, bos, eos, date, variables, stripLeadingBos, prefillFinalAssistant);
    }

    public RenderOptions withDate(LocalDate value) {
        return new RenderOptions(addGenerationPrompt, bosToken, eosToken, value, variables, stripLeadingBos, prefillFinalAssistant);
    }

    /** A copy with one more template variable ({@code value} may be {@code null}, meaning none). */
    public RenderOptions withVariable(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(variables);
        copy.put(name, value);
        return new RenderOptions(addGenerationPrompt, bosToken, eosToken, date, copy, stripLeadingBos, prefillFinalAssistant);
    }

    public RenderOptions withStripLeadingBos(boolean value) {
        return new RenderOptions(addGenerationPrompt, bosToken, eosToken, date, variables, value, prefillFinalAssistant);
    }

    public RenderOptions withPrefillFinalAssistant(boolean value) {
        return new RenderOptions(addGenerationPrompt, bosToken, eosToken, date, variables, stripLeadingBos, value);
    }
}
