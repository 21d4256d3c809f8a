package ai.glassbox.eval.backend;

import static ai.glassbox.eval.backend.LanguageModelContract.MODEL;
import static ai.glassbox.eval.backend.LanguageModelContract.STORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.EngineOptions;
import ai.glassbox.engine.FileDigest;
import ai.glassbox.eval.ModelIdentity;
import ai.glassbox.eval.backend.OpenAiCompatibleConfig.GenerationApi;
import ai.glassbox.eval.backend.OpenAiTestServer.Behaviour;
import ai.glassbox.eval.request.GenerateUntil;
import ai.glassbox.eval.request.LogLikelihood;
import ai.glassbox.eval.request.Request;
import ai.glassbox.eval.request.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the client sends, how it reads text prompts, and how it spreads a batch over a fleet. */
class OpenAiCompatibleModelProtocolTest {
    private static final List<Request> QUESTIONS = List.of(
            new LogLikelihood(STORY, " girl named Lily"),
            new LogLikelihood(STORY + " ", "boy"),
            new LogLikelihood("", "Once upon a time"),
            new LogLikelihood("Lily and Ben", " went to the park."),
            new LogLikelihood(STORY, " tree"),
            new LogLikelihood("Once upon a time", ", there"),
            new LogLikelihood("The sun was", " hot"),
            new LogLikelihood(STORY, " dog"));

    private static Engine engine;
    private static OpenAiTestServer server;

    @BeforeAll
    static void start() {
        engine = Engine.load(MODEL, new EngineOptions(1, 0, 64));
        server = OpenAiTestServer.start(engine, Behaviour.normal());
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    @Test
    void loglikelihoodSendsLmEvalsCompletionsPayloadWithTokenIds() {
        LogLikelihood q = new LogLikelihood(STORY, " girl");
        answer(tokenClient(), List.of(q));

        JsonNode body = server.bodies().getLast();
        assertEquals("stories260K", body.get("model").asText());
        assertEquals(1, body.get("max_tokens").asInt());
        assertEquals(0, body.get("temperature").asInt());
        assertEquals(1, body.get("logprobs").asInt());
        assertTrue(body.get("echo").asBoolean());
        int[] prompt = new int[body.get("prompt").size()];
        for (int i = 0; i < prompt.length; i++) prompt[i] = body.get("prompt").get(i).asInt();
        assertArrayEquals(EncodedPair.encode(engine.tokenizer(), q).whole(), prompt);
    }

    @Test
    void generationSendsAtMostFourStopStringsAndTheMaxTokens() {
        answer(tokenClient(), List.of(new GenerateUntil(STORY, List.of("a", "b", "", "c", "d", "e"), 7)));

        JsonNode body = server.bodies().getLast();
        assertEquals(7, body.get("max_tokens").asInt());
        assertEquals(List.of("a", "b", "c", "d"), texts(body.get("stop")));
        assertEquals(engine.tokenize(STORY, true, false).length, body.get("prompt").size());
    }

    @Test
    void chatGenerationSendsTheContextAsOneUserMessage() {
        var request = new GenerateUntil(STORY, List.of("."), 12);
        Response chat = answer(OpenAiCompatibleConfig.of(List.of(server.baseUrl()), "stories260K").withGenerationApi(GenerationApi.CHAT), List.of(request)).getFirst();

        JsonNode messages = server.bodies().getLast().get("messages");
        assertEquals(1, messages.size());
        assertEquals("user", messages.get(0).get("role").asText());
        assertEquals(STORY, messages.get(0).get("content").asText());
        assertEquals(answer(tokenClient(), List.of(request)).getFirst(), chat);
    }

    @Test
    void textOffsetModeGivesTheSameLogprobsAsTokenMode() {
        List<Response> byTokens = answer(tokenClient(), QUESTIONS);
        List<Response> byText = answer(OpenAiCompatibleConfig.of(List.of(server.baseUrl()), "stories260K").withConcurrency(4), QUESTIONS);
        assertEquals(byTokens, byText);
    }

    @Test
    void requestsAreSpreadOverAllEndpointsAndAnswersKeepTheirOrder() {
        try (OpenAiTestServer second = OpenAiTestServer.start(engine, Behaviour.normal())) {
            int before = server.requests();
            var fleet = OpenAiCompatibleConfig.of(List.of(server.baseUrl(), second.baseUrl()), "stories260K").withTokenizer(MODEL);
            List<Response> answers;
            long[] attempts;
            try (OpenAiCompatibleModel m = OpenAiCompatibleModel.open(fleet)) {
                answers = m.answer(QUESTIONS);
                attempts = m.attemptsPerEndpoint();
            }
            int first = server.requests() - before;
            assertTrue(first > 0 && second.requests() > 0, () -> first + " and " + second.requests() + " requests");
            assertEquals(QUESTIONS.size(), first + second.requests());
            assertArrayEquals(new long[] {first, second.requests()}, attempts);

            List<Response> one = new ArrayList<>();
            for (Request q : QUESTIONS) one.add(answer(tokenClient(), List.of(q)).getFirst());
            assertEquals(one, answers);
        }
    }

    @Test
    void identityNamesTheEndpointsTheGenerationApiAndTheTokenizerDigest() {
        var both = OpenAiCompatibleConfig.of(List.of(server.baseUrl(), server.baseUrl().resolve("/other/v1")), "stories260K");
        try (OpenAiCompatibleModel withTokenizer = OpenAiCompatibleModel.open(both.withTokenizer(MODEL));
                OpenAiCompatibleModel chat = OpenAiCompatibleModel.open(both.withGenerationApi(GenerationApi.CHAT))) {
            String endpoints = server.baseUrl() + "," + server.baseUrl().resolve("/other/v1");
            assertEquals(new ModelIdentity("openai", "stories260K", Map.of(
                    "endpoints", endpoints, "generation_api", "completions", "tokenizer_sha256", FileDigest.sha256(MODEL))), withTokenizer.identity());
            assertEquals(new ModelIdentity("openai", "stories260K", Map.of("endpoints", endpoints, "generation_api", "chat")), chat.identity());
            assertFalse(chat.identity().properties().containsKey("tokenizer_sha256"));
        }
    }

    private static OpenAiCompatibleConfig tokenClient() {
        return OpenAiCompatibleConfig.of(List.of(server.baseUrl()), "stories260K").withTokenizer(MODEL).withConcurrency(4);
    }

    private static List<Response> answer(OpenAiCompatibleConfig config, List<Request> requests) {
        try (OpenAiCompatibleModel m = OpenAiCompatibleModel.open(config)) {
            return m.answer(requests);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asText());
        return out;
    }
}
