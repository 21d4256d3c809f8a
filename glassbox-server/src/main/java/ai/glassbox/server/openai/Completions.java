package ai.glassbox.server.openai;

import ai.glassbox.engine.Generation;
import ai.glassbox.engine.TokenScore;
import ai.glassbox.server.Metrics;
import ai.glassbox.server.ServedModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/completions}: a prompt as text or token ids, with {@code echo} and legacy
 * {@code logprobs} — what evaluation harnesses use to score continuations
 * ({@code max_tokens: 0, echo: true, logprobs: k}).
 */
public final class Completions {
    private static final int DEFAULT_MAX_TOKENS = 16;

    private final Models models;
    private final Metrics metrics;
    private final long timeoutNanos;

    public Completions(Models models, Metrics metrics, java.time.Duration timeout) {
        this.models = models;
        this.metrics = metrics;
        this.timeoutNanos = timeout.toNanos();
    }

    private record Prompt(int[] tokens, String text) {}

    public void handle(Fields f, ServerResponse res) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        ServedModel model = models.resolve(f.requiredString("model"));
        Prompt prompt = prompt(f, model);
        f.singleChoice();
        if (f.node("suffix").isPresent()) throw ApiException.invalid("suffix", "'suffix' is not supported");
        var bestOf = f.integer("best_of", 1, 20);
        if (bestOf.isPresent() && bestOf.getAsInt() != 1) throw ApiException.invalid("best_of", "'best_of' must be 1");
        var params = Sampling.params(f);
        boolean echo = f.bool("echo", false);
        var logprobs = f.integer("logprobs", 0, 20);
        boolean stream = f.bool("stream", false);
        boolean includeUsage = stream && f.node("stream_options").map(o -> o.path("include_usage").asBoolean(false)).orElse(false);
        if (stream && (echo || logprobs.isPresent())) throw ApiException.invalid("stream", "'stream' cannot be combined with 'echo' or 'logprobs' here; send them without streaming");
        int requested = f.integer("max_tokens", 0, Integer.MAX_VALUE).orElse(DEFAULT_MAX_TOKENS);
        List<String> stop = f.stop();
        int ctx = model.engine().contextLength();
        int n = prompt.tokens().length;
        if (n > ctx || (requested > 0 && n >= ctx)) throw ApiException.invalid("prompt", "the prompt is " + n + " tokens, more than the context of " + ctx + " allows");
        int maxTokens = Math.min(requested, ctx - n);
        int top = logprobs.orElse(-1);

        String id = Ids.next("cmpl-");
        long created = System.currentTimeMillis() / 1000;
        if (stream && maxTokens == 0) {
            streamNothing(res, model, id, created, n, includeUsage);
            return;
        }
        if (stream) {
            stream(res, model, GenerationStream.start(model, prompt.tokens(), Sampling.request(params, maxTokens, stop), -1, "prompt"), id, created, n, includeUsage, deadline);
            return;
        }
        List<GenerationStream.Token> generated = new ArrayList<>();
        var text = new StringBuilder();
        Generation done = null;
        GenerationStream gen = null;
        if (maxTokens > 0) {
            gen = GenerationStream.start(model, prompt.tokens(), Sampling.request(params, maxTokens, stop), top, "prompt");
            for (GenerationStream.Event e : gen.all(deadline)) {
                switch (e) {
                    case GenerationStream.Text t -> text.append(t.text());
                    case GenerationStream.Token t -> generated.add(t);
                    case GenerationStream.Done d -> done = d.generation();
                    case GenerationStream.Failed x -> throw new IllegalStateException("generation failed: " + x.error().getMessage(), x.error());
                }
            }
        }
        int completionTokens = done == null ? 0 : done.tokens().length;
        metrics.tokens(n, completionTokens);
        if (gen != null && gen.secondsToFirstToken() >= 0) metrics.timeToFirstToken(gen.secondsToFirstToken());

        ObjectNode root = ChatCompletions.header(id, "text_completion", created, model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("text", (echo ? prompt.text() : "") + text);
        if (logprobs.isPresent()) {
            choice.set("logprobs", legacyLogprobs(model, prompt, generated, Math.max(1, top), echo));
        } else {
            choice.putNull("logprobs");
        }
        choice.put("finish_reason", done == null ? "length" : Sampling.finishReason(done.stopReason()));
        root.set("usage", ChatCompletions.usage(n, completionTokens));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(root));
    }

    /** A streamed request for no tokens: the finishing chunk (and usage) at once, as the unstreamed answer has no text either. */
    private void streamNothing(ServerResponse res, ServedModel model, String id, long created, int promptTokens, boolean includeUsage) {
        metrics.tokens(promptTokens, 0);
        try (var sse = new Sse(res)) {
            finish(sse, id, created, model, "length", promptTokens, 0, includeUsage);
        } catch (Sse.ClientGone gone) {
            metrics.cancelled();
        }
    }

    private void stream(ServerResponse res, ServedModel model, GenerationStream gen, String id, long created, int promptTokens, boolean includeUsage, long deadline)
            throws InterruptedException {
        try (var sse = new Sse(res)) {
            while (true) {
                GenerationStream.Event e;
                try {
                    e = gen.next(deadline);
                } catch (ApiException timeout) {
                    metrics.cancelled();
                    sse.send(Json.errorNode(timeout));
                    return;
                }
                switch (e) {
                    case GenerationStream.Text t -> sse.send(chunk(id, created, model, t.text(), null));
                    case GenerationStream.Token t -> { }
                    case GenerationStream.Done d -> {
                        metrics.tokens(promptTokens, d.generation().tokens().length);
                        if (gen.secondsToFirstToken() >= 0) metrics.timeToFirstToken(gen.secondsToFirstToken());
                        finish(sse, id, created, model, Sampling.finishReason(d.generation().stopReason()), promptTokens, d.generation().tokens().length, includeUsage);
                        return;
                    }
                    case GenerationStream.Failed x -> {
                        sse.send(Json.errorNode(ApiException.unavailable("generation failed: " + x.error().getMessage())));
                        return;
                    }
                }
            }
        } catch (Sse.ClientGone gone) {
            gen.cancel();
            metrics.cancelled();
        }
    }

    /** The end of a streamed answer: the finishing chunk, the usage chunk when asked for, and {@code [DONE]}. */
    private static void finish(Sse sse, String id, long created, ServedModel model, String finishReason, int promptTokens, int completionTokens, boolean includeUsage) {
        sse.send(chunk(id, created, model, "", finishReason));
        if (includeUsage) {
            ObjectNode usage = ChatCompletions.header(id, "text_completion", created, model);
            usage.putArray("choices");
            usage.set("usage", ChatCompletions.usage(promptTokens, completionTokens));
            sse.send(usage);
        }
        sse.done();
    }

    private static ObjectNode chunk(String id, long created, ServedModel model, String text, String finish) {
        ObjectNode c = ChatCompletions.header(id, "text_completion", created, model);
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0).put("text", text);
        choice.putNull("logprobs");
        if (finish == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finish);
        return c;
    }

    /** A string, token ids, or a one-element array of either. */
    private static Prompt prompt(Fields f, ServedModel model) {
        JsonNode p = f.node("prompt").orElseThrow(() -> ApiException.invalid("prompt", "'prompt' is required"));
        if (p.isArray() && p.size() == 1 && (p.get(0).isTextual() || p.get(0).isArray())) p = p.get(0);
        if (p.isTextual()) {
            String text = p.asText();
            int[] tokens = model.engine().tokenize(text, true, false);
            if (tokens.length == 0) throw ApiException.invalid("prompt", "'prompt' is empty and the model adds no BOS token");
            return new Prompt(tokens, text);
        }
        if (!p.isArray() || p.isEmpty()) throw ApiException.invalid("prompt", "'prompt' must be a string or a non-empty array of token ids (one prompt per request)");
        int vocab = model.engine().config().vocabSize();
        int[] tokens = new int[p.size()];
        var text = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            JsonNode t = p.get(i);
            if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() < 0 || t.asInt() >= vocab) {
                throw ApiException.invalid("prompt", "'prompt[" + i + "]' must be a token id in [0, " + vocab + "); send one prompt per request");
            }
            tokens[i] = t.asInt();
            text.append(Json.text(model.tokenBytes(tokens[i])));
        }
        return new Prompt(tokens, text.toString());
    }

    /**
     * Legacy logprobs: the echoed prompt (its first token has no log-probability) and the
     * generated tokens, each with its {@code topK} best alternatives plus itself, and where each
     * starts in the returned text.
     */
    private static ObjectNode legacyLogprobs(ServedModel model, Prompt prompt, List<GenerationStream.Token> generated, int topK, boolean echo) {
        int[] p = prompt.tokens();
        List<String> texts = new ArrayList<>();
        for (int t : p) texts.add(Json.text(model.tokenBytes(t)));
        for (var g : generated) texts.add(Json.text(model.tokenBytes(g.token())));
        int[] offsets = textOffsets(texts, p.length, prompt.text(), echo);
        List<TokenScore> scores = echo && p.length >= 2 ? model.engine().score(p, topK) : List.of();

        ObjectNode lp = Json.object();
        ArrayNode tokens = lp.putArray("tokens"), tokenLogprobs = lp.putArray("token_logprobs");
        ArrayNode top = lp.putArray("top_logprobs"), textOffset = lp.putArray("text_offset");
        if (echo) {
            for (int i = 0; i < p.length; i++) {
                tokens.add(texts.get(i));
                textOffset.add(offsets[i]);
                if (i == 0) {
                    tokenLogprobs.addNull();
                    top.addNull();
                    continue;
                }
                TokenScore s = scores.get(i - 1);
                tokenLogprobs.add(s.logprob());
                top.add(alternatives(model, s.topTokens(), s.topLogprobs(), texts.get(i), s.logprob()));
            }
        }
        for (int j = 0; j < generated.size(); j++) {
            var g = generated.get(j);
            int i = p.length + j;
            tokens.add(texts.get(i));
            textOffset.add(offsets[i]);
            tokenLogprobs.add(g.logprob());
            top.add(alternatives(model, g.topTokens(), g.topLogprobs(), texts.get(i), g.logprob()));
        }
        return lp;
    }

    /** Two tokens can share a text (two control tokens that render as nothing): keep the likelier. */
    private static ObjectNode alternatives(ServedModel model, int[] ids, double[] lps, String self, double selfLogprob) {
        ObjectNode alt = Json.object();
        for (int k = 0; k < ids.length; k++) putBest(alt, Json.text(model.tokenBytes(ids[k])), lps[k]);
        putBest(alt, self, selfLogprob);
        return alt;
    }

    private static void putBest(ObjectNode alt, String text, double logprob) {
        if (!alt.has(text) || alt.get(text).asDouble() < logprob) alt.put(text, logprob);
    }

    /**
     * Where each token starts, in code points of the returned text (the prompt as sent when
     * echoed, then the generated text). A SentencePiece vocabulary adds a leading space to the
     * prompt's first word that the prompt does not have; offsets shift back by it.
     */
    private static int[] textOffsets(List<String> texts, int promptTokens, String promptText, boolean echo) {
        String decoded = String.join("", texts.subList(0, promptTokens));
        int shift = decoded.endsWith(promptText) ? length(decoded) - length(promptText) : 0;
        int[] offsets = new int[texts.size()];
        int at = 0;
        for (int i = 0; i < texts.size(); i++) {
            offsets[i] = i < promptTokens ? Math.max(0, at - shift) : at - shift;
            at += length(texts.get(i));
        }
        return offsets;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
