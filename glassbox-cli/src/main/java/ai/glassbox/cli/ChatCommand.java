package ai.glassbox.cli;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.Generation;
import ai.glassbox.engine.GenerationRequest;
import ai.glassbox.engine.chat.ChatMessage;
import ai.glassbox.engine.chat.ChatTemplate;
import ai.glassbox.engine.chat.ReasoningSplitter;
import ai.glassbox.engine.chat.RenderOptions;
import ai.glassbox.engine.tokenizer.Tokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "chat",
        description = "Chat with a model using its chat template. Type a message and press Enter; /reset starts over, /exit (or end of input) quits.")
final class ChatCommand implements Callable<Integer> {
    /** Used when a model carries no template: ChatML, the most common format. */
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";

    @Parameters(paramLabel = "MODEL", description = "GGUF model file")
    Path model;

    @Option(names = "--system", description = "system message")
    String system;

    @Option(names = "--hide-reasoning", description = "do not show <think> text")
    boolean hideReasoning;

    @Option(names = "--plain", description = "no terminal colours (reasoning is marked with <think> tags instead of dimmed)")
    boolean plain;

    @Option(names = {"-n", "--n-predict"}, description = "most tokens per reply (default: ${DEFAULT-VALUE})", defaultValue = "1024")
    int maxTokens;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    EngineFlags engineFlags;

    @Spec
    CommandSpec spec;

    InputStream input = System.in;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Engine engine = Engine.load(model, engineFlags.options())) {
            String source = engine.chatTemplate().orElseGet(() -> {
                err.println("model has no chat template; using ChatML");
                return ChatTemplate.CHATML;
            });
            ChatTemplate template = ChatTemplate.parse(source);
            Tokenizer tok = engine.tokenizer();
            RenderOptions options = RenderOptions.forTokenizer(tok);
            List<ChatMessage> history = new ArrayList<>();
            if (system != null) history.add(ChatMessage.system(system));
            var in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
            long seed = sampling.seed;
            while (true) {
                out.print("> ");
                out.flush();
                String line = in.readLine();
                if (line == null || line.strip().equals("/exit")) break;
                if (line.strip().equals("/reset")) {
                    history.subList(system != null ? 1 : 0, history.size()).clear();
                    continue;
                }
                if (line.isBlank()) continue;
                history.add(ChatMessage.user(line));
                String prompt = template.render(history, options);
                int[] tokens = engine.tokenize(prompt, true, true);
                var splitter = new ReasoningSplitter(prompt.stripTrailing().endsWith("<think>"));
                var answer = new StringBuilder();
                var request = new GenerationRequest(sampling.params().withSeed(seed++), maxTokens, List.of());
                Generation g = engine.generate(tokens, request, text -> show(splitter.feed(text), out, answer));
                show(splitter.finish(), out, answer);
                out.println(plain ? "" : RESET);
                out.flush();
                history.add(ChatMessage.assistant(answer.toString().strip()));
                err.printf("[%d prompt tokens, %d generated, %.1f t/s]%n", tokens.length, g.tokens().length, g.generatedTokensPerSecond());
            }
        }
        return ExitCodes.OK;
    }

    private boolean inReasoning;

    private void show(List<ReasoningSplitter.Event> events, PrintWriter out, StringBuilder answer) {
        for (ReasoningSplitter.Event e : events) {
            switch (e) {
                case ReasoningSplitter.Reasoning r -> {
                    if (hideReasoning) continue;
                    if (!inReasoning) out.print(plain ? "<think>" : DIM);
                    inReasoning = true;
                    out.print(r.text());
                }
                case ReasoningSplitter.Answer a -> {
                    if (inReasoning) out.print(plain ? "</think>" : RESET);
                    inReasoning = false;
                    answer.append(a.text());
                    out.print(answer.length() == a.text().length() ? a.text().stripLeading() : a.text());
                }
            }
        }
        out.flush();
    }
}
