package ai.glassbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.EngineOptions;
import ai.glassbox.engine.Generation;
import ai.glassbox.engine.GenerationListener;
import ai.glassbox.engine.GenerationRequest;
import ai.glassbox.engine.TokenScore;
import ai.glassbox.engine.chat.ChatMessage;
import ai.glassbox.testkit.Shared;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The official OpenAI Java SDK, unchanged, against {@code glassbox serve} on a random port: the
 * answers are the engine's own, bit for bit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiSdkTest {
    private static final String KEY = "test-key-123";
    private GlassboxServer server;
    private Engine reference;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        var options = new EngineOptions(1, 256, 32);
        reference = Engine.load(Shared.model("stories260K.gguf"), options);
        Engine served = Engine.load(Shared.model("stories260K.gguf"), options);
        server = GlassboxServer.start(List.of(ServedModel.of("stories", served, 4, 16, 1_700_000_000L)), ServerOptions.loopback(0).withApiKeys(List.of(KEY)));
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + server.port() + "/v1").apiKey(KEY).maxRetries(0).build();
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
        reference.close();
    }

    private ChatCompletionCreateParams chat(String user, long maxTokens) {
        return ChatCompletionCreateParams.builder().model("stories").addUserMessage(user).temperature(0.0).maxCompletionTokens(maxTokens).build();
    }

    /** What the engine generates for the same messages, greedily. */
    private Generation expected(String user, int maxTokens) {
        String prompt = server.models().getFirst().render(List.of(ChatMessage.user(user)));
        return reference.generate(reference.tokenize(prompt, true, true), GenerationRequest.greedy(maxTokens), GenerationListener.NONE);
    }

    @Test
    void listsTheModels() {
        var models = client.models().list().data();
        assertEquals(1, models.size());
        assertEquals("stories", models.getFirst().id());
        assertEquals(1_700_000_000L, models.getFirst().created());
    }

    @Test
    void chatCompletionIsTheEnginesGreedyText() {
        ChatCompletion c = client.chat().completions().create(chat("Once upon a time", 24));
        Generation g = expected("Once upon a time", 24);
        assertEquals(g.text(), c.choices().getFirst().message().content().orElseThrow());
        assertEquals(g.promptTokens().length, c.usage().orElseThrow().promptTokens());
        assertEquals(g.tokens().length, c.usage().orElseThrow().completionTokens());
        assertEquals(ChatCompletion.Choice.FinishReason.LENGTH, c.choices().getFirst().finishReason());
    }

    @Test
    void streamedDeltasAddUpToTheSameText() {
        var text = new StringBuilder();
        var finish = new StringBuilder();
        var params = chat("Lily went to the park", 30).toBuilder()
                .streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        long[] usage = {-1};
        int[] chunks = {0};
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                chunks[0]++;
                chunk.usage().ifPresent(u -> usage[0] = u.completionTokens());
                for (var choice : chunk.choices()) {
                    choice.delta().content().ifPresent(text::append);
                    choice.finishReason().ifPresent(f -> finish.append(f.asString()));
                }
            });
        }
        Generation g = expected("Lily went to the park", 30);
        assertEquals(g.text(), text.toString());
        assertEquals("length", finish.toString());
        assertEquals(g.tokens().length, usage[0]);
        assertTrue(chunks[0] > 3, "text arrives in pieces, not at the end: " + chunks[0] + " chunks");
    }

    @Test
    void aStopStringEndsTheAnswerBeforeIt() {
        Generation g = expected("Once upon a time", 40);
        String text = g.text();
        int cut = Math.max(1, text.length() / 2);
        String stop = text.substring(cut, Math.min(text.length(), cut + 3));
        ChatCompletion c = client.chat().completions().create(chat("Once upon a time", 40).toBuilder().stop(stop).build());
        String got = c.choices().getFirst().message().content().orElseThrow();
        assertEquals(text.substring(0, text.indexOf(stop)), got);
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, c.choices().getFirst().finishReason());
    }

    @Test
    void chatLogprobsAreTheEnginesScores() {
        var params = chat("Tim had a ball", 8).toBuilder().logprobs(true).topLogprobs(3).build();
        ChatCompletion c = client.chat().completions().create(params);
        var content = c.choices().getFirst().logprobs().orElseThrow().content().orElseThrow();
        Generation g = expected("Tim had a ball", 8);
        assertEquals(g.tokens().length, content.size());
        int[] all = concat(g.promptTokens(), g.tokens());
        List<TokenScore> scores = reference.score(all, 3);
        for (int i = 0; i < content.size(); i++) {
            TokenScore s = scores.get(g.promptTokens().length - 1 + i);
            assertEquals(s.logprob(), content.get(i).logprob(), 0.0, "token " + i);
            assertEquals(3, content.get(i).topLogprobs().size());
            assertEquals(s.topLogprobs()[0], content.get(i).topLogprobs().getFirst().logprob(), 0.0);
        }
    }

    @Test
    void echoedCompletionLogprobsScoreThePrompt() {
        String prompt = "Once upon a time, there was a little girl";
        Completion c = client.completions().create(CompletionCreateParams.builder().model("stories").prompt(prompt)
                .maxTokens(0).echo(true).logprobs(2).temperature(0.0).build());
        var choice = c.choices().getFirst();
        assertEquals(prompt, choice.text());
        var lp = choice.logprobs().orElseThrow();
        int[] tokens = reference.tokenize(prompt, true, false);
        List<TokenScore> scores = reference.score(tokens, 2);
        List<Double> got = lp.tokenLogprobs().orElseThrow();
        assertEquals(tokens.length, got.size());
        assertNull(got.getFirst());
        for (int i = 1; i < tokens.length; i++) assertEquals(scores.get(i - 1).logprob(), got.get(i), 0.0, "token " + i);
    }

    @Test
    void completionGeneratesLikeTheEngine() {
        Completion c = client.completions().create(CompletionCreateParams.builder().model("stories").prompt("The cat")
                .maxTokens(20).temperature(0.0).build());
        Generation g = reference.generate(reference.tokenize("The cat", true, false), GenerationRequest.greedy(20), GenerationListener.NONE);
        assertEquals(g.text(), c.choices().getFirst().text());
    }

    @Test
    void errorsAreTheSdksExceptions() {
        var unknown = assertThrows(NotFoundException.class, () -> client.chat().completions().create(
                ChatCompletionCreateParams.builder().model("gpt-9").addUserMessage("hi").build()));
        assertTrue(unknown.getMessage().contains("gpt-9"), unknown.getMessage());
        var bad = assertThrows(BadRequestException.class, () -> client.chat().completions().create(
                chat("hi", 5).toBuilder().temperature(7.0).build()));
        assertEquals("temperature", bad.param().orElseThrow());
        assertEquals("invalid_request_error", bad.type().orElseThrow());
        OpenAIClient wrong = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + server.port() + "/v1").apiKey("nope").maxRetries(0).build();
        try {
            assertThrows(UnauthorizedException.class, () -> wrong.models().list());
        } finally {
            wrong.close();
        }
        assertFalse(client.models().list().data().isEmpty(), "the right key still works");
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
