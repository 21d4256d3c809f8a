package ai.glassbox.engine.chat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed Jinja2 chat template (a GGUF file's {@code tokenizer.chat_template}), rendered the way
 * llama.cpp's server renders it: {@code trim_blocks} and {@code lstrip_blocks} on, Jinja2's default
 * undefined semantics, {@code tojson} with {@code ensure_ascii=False}.
 *
 * <p>Instances are immutable and thread-safe; each render works on its own copies of the inputs.
 */
public final class ChatTemplate {
    /** ChatML, for models whose GGUF file carries no chat template. */
    public static final String CHATML = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
            + "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    private static final DateTimeFormatter DATE_STRING = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH);

    private final List<Node> nodes;

    private ChatTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * Parses a template.
     *
     * @throws TemplateException for a syntax error, naming its line and column
     */
    public static ChatTemplate parse(String source) {
        return new ChatTemplate(Parser.parse(Lexer.tokenize(source)));
    }

    /**
     * Renders a conversation into a prompt.
     *
     * <p>The template sees {@code messages}, {@code add_generation_prompt}, {@code bos_token},
     * {@code eos_token}, {@code date_string} (the options' date as {@code "22 Nov 2026"}, which
     * llama.cpp supplies for Llama 3.x templates) and every entry of {@link RenderOptions#variables()}.
     * When {@link RenderOptions#prefillFinalAssistant()} applies, {@code enable_thinking} is not passed,
     * since llama.cpp turns reasoning off for a prefilled assistant turn.
     *
     * @throws TemplateRaisedException when the template calls {@code raise_exception}
     * @throws TemplateException when rendering fails, naming the template position
     */
    public String render(List<ChatMessage> messages, RenderOptions options) {
        List<ChatMessage> shown = messages;
        boolean addGenerationPrompt = options.addGenerationPrompt();
        String prefill = "";
        Map<String, Object> variables = new LinkedHashMap<>(options.variables());
        if (options.prefillFinalAssistant() && !messages.isEmpty() && messages.getLast().role().equals("assistant")) {
            shown = messages.subList(0, messages.size() - 1);
            prefill = messages.getLast().content();
            addGenerationPrompt = true;
            variables.remove("enable_thinking");
        }
        List<Object> messageMaps = new ArrayList<>();
        for (ChatMessage m : shown) messageMaps.add(m.toTemplateMap());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("messages", messageMaps);
        context.put("add_generation_prompt", addGenerationPrompt);
        context.put("bos_token", options.bosToken());
        context.put("eos_token", options.eosToken());
        context.put("date_string", options.date().format(DATE_STRING));
        context.putAll(variables);
        String out = render(context, options.date());
        if (options.stripLeadingBos() && !options.bosToken().isEmpty() && out.startsWith(options.bosToken())) {
            out = out.substring(options.bosToken().length());
        }
        return out + prefill;
    }

    /**
     * Renders with exactly the given variables (plus the global functions) and no chat conventions.
     * Values are strings, numbers, booleans, {@code null}, lists and maps.
     *
     * @param today the date {@code strftime_now} reports
     * @throws TemplateException when rendering fails
     */
    public String render(Map<String, Object> variables, LocalDate today) {
        Scope globals = Scope.root();
        Globals.create(today).forEach(globals::set);
        Scope root = globals.child();
        variables.forEach((k, v) -> root.set(k, Values.fromJava(v)));
        return new Interpreter().render(nodes, root);
    }
}
