package ai.glassbox.server.openai;

import ai.glassbox.engine.Generation;
import ai.glassbox.engine.chat.ChatMessage;
import ai.glassbox.engine.chat.ReasoningSplitter;
import ai.glassbox.engine.chat.TemplateException;
import ai.glassbox.server.Metrics;
import ai.glassbox.server.ServedModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/chat/completions}: messages rendered by the model's chat template, answered
 * whole or streamed as server-sent events; text after {@code <think>} comes back as
 * {@code reasoning_content}, as DeepSeek's API returns it.
 */
public final class ChatCompletions {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private final Models models;
    private final Metrics metrics;
    private final long timeoutNanos;

    public ChatCompletions(Models models, Metrics metrics, java.time.Duration timeout) {
        this.models = models;
        this.metrics = metrics;
        this.timeoutNanos = timeout.toNanos();
    }

    public void handle(Fields f, ServerResponse res) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        ServedModel model = models.resolve(f.requiredString("model"));
        List<ChatMessage> messages = messages(f);
        f.singleChoice();
        var params = Sampling.params(f);
        boolean stream = f.bool("stream", false);
        boolean includeUsage = stream && f.node("stream_options").map(o -> o.path("include_usage").asBoolean(false)).orElse(false);
        boolean logprobs = f.bool("logprobs", false);
        var top = f.integer("top_logprobs", 0, 20);
        if (top.isPresent() && !logprobs) throw ApiException.invalid("top_logprobs", "'top_logprobs' needs 'logprobs': true");
        var max = f.integer("max_completion_tokens", 1, Integer.MAX_VALUE);
        if (max.isEmpty()) max = f.integer("max_tokens", 1, Integer.MAX_VALUE);
        List<String> stop = f.stop();

        String prompt;
        try {
            prompt = model.render(messages);
        } catch (TemplateException e) {
            throw ApiException.invalid("messages", "the model's chat template cannot render these messages: " + e.getMessage());
        }
        int[] tokens = model.engine().tokenize(prompt, true, true);
        int ctx = model.engine().contextLength();
        if (tokens.length >= ctx) throw ApiException.invalid("messages", "the prompt is " + tokens.length + " tokens, more than the context of " + ctx + " allows");
        int maxTokens = Sampling.maxTokens(max, tokens.length, ctx);
        var request = Sampling.request(params, maxTokens, stop);
        var gen = GenerationStream.start(model, tokens, request, logprobs ? top.orElse(0) : -1, "messages");
        var splitter = new ReasoningSplitter(prompt.stripTrailing().endsWith("<think>"));
        String id = Ids.next("chatcmpl-");
        long created = System.currentTimeMillis() / 1000;
        if (stream) {
            stream(res, model, gen, splitter, id, created, logprobs, includeUsage, tokens.length, deadline);
        } else {
            whole(res, model, gen, splitter, id, created, logprobs, tokens.length, deadline);
        }
    }

    private void whole(ServerResponse res, ServedModel model, GenerationStream gen, ReasoningSplitter splitter, String id, long created,
            boolean logprobs, int promptTokens, long deadline) throws InterruptedException {
        var content = new StringBuilder();
        var reasoning = new StringBuilder();
        ArrayNode lp = Json.array();
        Generation done = null;
        for (GenerationStream.Event e : gen.all(deadline)) {
            switch (e) {
                case GenerationStream.Text t -> split(splitter.feed(t.text()), content, reasoning);
                case GenerationStream.Token t -> lp.add(Logprobs.chat(model, t));
                case GenerationStream.Done d -> done = d.generation();
                case GenerationStream.Failed x -> throw new IllegalStateException("generation failed: " + x.error().getMessage(), x.error());
            }
        }
        split(splitter.finish(), content, reasoning);
        metrics.tokens(promptTokens, done.tokens().length);
        if (gen.secondsToFirstToken() >= 0) metrics.timeToFirstToken(gen.secondsToFirstToken());
        ObjectNode root = header(id, "chat.completion", created, model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content.toString());
        if (!reasoning.isEmpty()) message.put("reasoning_content", reasoning.toString());
        if (logprobs) {
            choice.putObject("logprobs").set("content", lp);
        } else {
            choice.putNull("logprobs");
        }
        choice.put("finish_reason", Sampling.finishReason(done.stopReason()));
        root.set("usage", usage(promptTokens, done.tokens().length));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(root));
    }

    private void stream(ServerResponse res, ServedModel model, GenerationStream gen, ReasoningSplitter splitter, String id, long created,
            boolean logprobs, boolean includeUsage, int promptTokens, long deadline) throws InterruptedException {
        try (var sse = new Sse(res)) {
            ObjectNode first = chunk(id, created, model);
            first.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                    .putObject("delta").put("role", "assistant").put("content", "");
            sse.send(first);
            ArrayNode pending = Json.array();
            Generation done = null;
            while (done == null) {
                GenerationStream.Event e;
                try {
                    e = gen.next(deadline);
                } catch (ApiException timeout) {
                    metrics.cancelled();
                    sse.send(Json.errorNode(timeout));
                    return;
                }
                switch (e) {
                    case GenerationStream.Token t -> {
                        if (logprobs) pending.add(Logprobs.chat(model, t));
                    }
                    case GenerationStream.Text t -> {
                        sendDeltas(sse, splitter.feed(t.text()), id, created, model, logprobs, pending);
                    }
                    case GenerationStream.Done d -> done = d.generation();
                    case GenerationStream.Failed x -> {
                        sse.send(Json.errorNode(ApiException.unavailable("generation failed: " + x.error().getMessage())));
                        return;
                    }
                }
            }
            sendDeltas(sse, splitter.finish(), id, created, model, logprobs, pending);
            metrics.tokens(promptTokens, done.tokens().length);
            if (gen.secondsToFirstToken() >= 0) metrics.timeToFirstToken(gen.secondsToFirstToken());
            ObjectNode last = chunk(id, created, model);
            ObjectNode choice = last.withArray("choices").addObject().put("index", 0);
            choice.putObject("delta");
            if (logprobs && !pending.isEmpty()) choice.putObject("logprobs").set("content", pending);
            choice.put("finish_reason", Sampling.finishReason(done.stopReason()));
            sse.send(last);
            if (includeUsage) {
                ObjectNode usage = chunk(id, created, model);
                usage.putArray("choices");
                usage.set("usage", usage(promptTokens, done.tokens().length));
                sse.send(usage);
            }
            sse.done();
        } catch (Sse.ClientGone gone) {
            gen.cancel();
            metrics.cancelled();
        }
    }

    private static void sendDeltas(Sse sse, List<ReasoningSplitter.Event> events, String id, long created, ServedModel model, boolean logprobs, ArrayNode pending) {
        for (ReasoningSplitter.Event ev : events) {
            ObjectNode c = chunk(id, created, model);
            ObjectNode choice = c.withArray("choices").addObject().put("index", 0);
            ObjectNode delta = choice.putObject("delta");
            switch (ev) {
                case ReasoningSplitter.Reasoning r -> delta.put("reasoning_content", r.text());
                case ReasoningSplitter.Answer a -> delta.put("content", a.text());
            }
            if (logprobs && !pending.isEmpty()) {
                choice.putObject("logprobs").set("content", pending.deepCopy());
                pending.removeAll();
            } else {
                choice.putNull("logprobs");
            }
            choice.putNull("finish_reason");
            sse.send(c);
        }
    }

    private static void split(List<ReasoningSplitter.Event> events, StringBuilder content, StringBuilder reasoning) {
        for (ReasoningSplitter.Event ev : events) {
            switch (ev) {
                case ReasoningSplitter.Reasoning r -> reasoning.append(r.text());
                case ReasoningSplitter.Answer a -> content.append(a.text());
            }
        }
    }

    private static List<ChatMessage> messages(Fields f) {
        JsonNode list = f.node("messages").orElseThrow(() -> ApiException.invalid("messages", "'messages' is required"));
        if (!list.isArray() || list.isEmpty()) throw ApiException.invalid("messages", "'messages' must be a non-empty array");
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "messages[" + i + "]";
            JsonNode m = list.get(i);
            if (!m.isObject()) throw ApiException.invalid(at, "'" + at + "' must be an object");
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
                throw ApiException.invalid(at + ".role", "'" + at + ".role' must be one of " + new java.util.TreeSet<>(ROLES));
            }
            String r = role.asText().equals("developer") ? "system" : role.asText();
            ChatMessage message = ChatMessage.of(r, content(m.get("content"), at + ".content"));
            JsonNode reasoning = m.get("reasoning_content");
            if (reasoning != null && reasoning.isTextual()) message = message.withReasoningContent(reasoning.asText());
            out.add(message);
        }
        return out;
    }

    /** A string, or an array of {@code {"type": "text", "text": …}} parts joined. */
    private static String content(JsonNode c, String at) {
        if (c == null || c.isNull()) return "";
        if (c.isTextual()) return c.asText();
        if (!c.isArray()) throw ApiException.invalid(at, "'" + at + "' must be a string or an array of text parts");
        var sb = new StringBuilder();
        for (int i = 0; i < c.size(); i++) {
            JsonNode part = c.get(i);
            if (!part.isObject() || !"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                throw ApiException.invalid(at + "[" + i + "]", "only text parts are supported: {\"type\": \"text\", \"text\": \"…\"}");
            }
            sb.append(part.get("text").asText());
        }
        return sb.toString();
    }

    static ObjectNode header(String id, String object, long created, ServedModel model) {
        ObjectNode root = Json.object();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model.id());
        root.put("system_fingerprint", Ids.fingerprint());
        return root;
    }

    private static ObjectNode chunk(String id, long created, ServedModel model) {
        return header(id, "chat.completion.chunk", created, model);
    }

    static ObjectNode usage(int prompt, int completion) {
        ObjectNode u = Json.object();
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", prompt + completion);
        return u;
    }
}
