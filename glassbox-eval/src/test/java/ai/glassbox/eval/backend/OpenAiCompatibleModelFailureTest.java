package ai.glassbox.eval.backend;

import static ai.glassbox.eval.backend.LanguageModelContract.MODEL;
import static ai.glassbox.eval.backend.LanguageModelContract.STORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.EngineOptions;
import ai.glassbox.eval.ModelException;
import ai.glassbox.eval.backend.OpenAiCompatibleConfig.GenerationApi;
import ai.glassbox.eval.backend.OpenAiTestServer.Behaviour;
import ai.glassbox.eval.request.GenerateUntil;
import ai.glassbox.eval.request.GenerationResponse;
import ai.glassbox.eval.request.LogLikelihood;
import ai.glassbox.eval.request.Request;
import ai.glassbox.eval.request.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a test server that fails on purpose: what is retried, what is not, and what the messages say. */
class OpenAiCompatibleModelFailureTest {
    private static final LogLikelihood QUESTION = new LogLikelihood(STORY, " girl");
    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));

    private static Engine engine;
    private static Response expected;

    @BeforeAll
    static void load() {
        engine = Engine.load(MODEL, new EngineOptions(1, 0, 64));
        try (OpenAiTestServer s = OpenAiTestServer.start(engine, Behaviour.normal())) {
            expected = answer(config(s), QUESTION);
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void rateLimitedRequestIsRetriedAfterRetryAfterUntilItSucceeds() {
        try (OpenAiTestServer s = OpenAiTestServer.start(engine, Behaviour.normal().failingFirst(2, 429).withRetryAfter("0"))) {
            assertEquals(expected, answer(config(s), QUESTION));
            assertEquals(3, s.requests());
        }
    }

    @Test
    void unavailableServerIsRetriedWithBackoffUntilItSucceeds() {
        try (OpenAiTestServer s = OpenAiTestServer.start(engine, Behaviour.normal().failingFirst(3, 503))) {
            assertEquals(expected, answer(config(s), QUESTION));
            assertEquals(4, s.requests());
        }
    }

    @Test
    void badRequestIsNotRetriedAndTheMessageNamesUrlStatusAndServerMessage() {
        try (OpenAiTestServer s = OpenAiTestServer.start(engine, Behaviour.normal().failingFirst(1, 400))) {
            ModelException e = assertThrows(ModelException.class, () -> answer(config(s), QUESTION));
            assertFalse(e.retriable());
            assertEquals(1, s.requests());
            assertTrue(e.getMessage().contains(s.baseUrl() + "/completions answered HTTP 400: injected failure 1 of 1"), e.getMessage());
            assertTrue(e.getMessage().startsWith("loglikelihood request 0: "), e.getMessage());
        }
    }

    @Test
    void retriableFailureGivesUpAfterTheRetries() {
        try (OpenAiTestServer s = OpenAiTestServer.start(engine, Behaviour.normal().failingFirst(100, 503))) {
            ModelException e = assertThrows(ModelException.class, () -> answer(config(s).withMaxRetries(2), QUESTION));
            assertTrue(e.retriable());
            assertEquals(3, s.requests());
            assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
        }
    }

    @Test
    void timeoutIsARetriableFailureAfterTheRetries() {
        try (OpenAiTestServer s = OpenAiTestServer.start(engine, Behaviour.normal().withDelay(Duration.ofSeconds(5)))) {
            var c = config(s).withRequestTimeout(Duration.ofMillis(200)).withMaxRetries(1);
            ModelException e = assertThrows(ModelException.class, () -> answer(c, QUESTION));
            assertTrue(e.retriable());
            assertTrue(e.getMessage().contains("no answer from " + s.baseUrl() + "/completions within PT0.2S"), e.getMessage());
            assertTrue(e.getMessage().contains("gave up after 2 attempts"), e.getMessage());
        }
    }

    @Test
    void unreachableEndpointIsARetriableFailure() {
        // port 1 (tcpmux) is closed on any machine that runs these tests
        var c = OpenAiCompatibleConfig.of(List.of(URI.create("http://127.0.0.1:1/v1")), "stories260K").withRetry(QUICK.withMaxRetries(1));
        ModelException e = assertThrows(ModelException.class, () -> answer(c, QUESTION));
        assertTrue(e.retriable());
        assertTrue(e.getMessage().contains("cannot connect to http://127.0.0.1:1/v1/completions"), e.getMessage());
    }

    @Test
    void chatOnlyEndpointSaysThatLoglikelihoodNeedsCompletions() {
        try (OpenAiTestServer s = OpenAiTestServer.start(engine, Behaviour.normal().chatOnlyServer())) {
            var c = config(s).withGenerationApi(GenerationApi.CHAT);
            ModelException e = assertThrows(ModelException.class, () -> answer(c, QUESTION));
            assertFalse(e.retriable());
            assertEquals(1, s.requests());
            assertTrue(e.getMessage().contains("loglikelihood tasks need a /v1/completions endpoint with echo and logprobs; "
                    + s.baseUrl() + "/completions answered HTTP 404"), e.getMessage());

            Response generated = answer(c, new GenerateUntil(STORY, List.of(), 4));
            assertFalse(assertInstanceOf(GenerationResponse.class, generated).text().isEmpty());
        }
    }

    @Test
    void apiKeyIsSentAsABearerToken() {
        try (OpenAiTestServer s = OpenAiTestServer.start(engine, Behaviour.normal().requiringApiKey("sk-test"))) {
            assertEquals(expected, answer(config(s).withApiKey("sk-test"), QUESTION));

            ModelException e = assertThrows(ModelException.class, () -> answer(config(s), QUESTION));
            assertFalse(e.retriable());
            assertTrue(e.getMessage().contains("HTTP 401: invalid API key (check the API key)"), e.getMessage());
        }
    }

    @Test
    void firstFailureEndsTheBatch() {
        try (OpenAiTestServer s = OpenAiTestServer.start(engine, Behaviour.normal().failingFirst(1, 400))) {
            List<Request> batch = List.of(QUESTION, new LogLikelihood(STORY, " boy"), new LogLikelihood(STORY, " dog"));
            try (OpenAiCompatibleModel m = OpenAiCompatibleModel.open(config(s))) {
                ModelException e = assertThrows(ModelException.class, () -> m.answer(batch));
                assertFalse(e.retriable());
                assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
            }
        }
    }

    private static OpenAiCompatibleConfig config(OpenAiTestServer s) {
        return OpenAiCompatibleConfig.of(List.of(s.baseUrl()), "stories260K").withTokenizer(MODEL).withRetry(QUICK);
    }

    private static Response answer(OpenAiCompatibleConfig config, Request request) {
        try (OpenAiCompatibleModel m = OpenAiCompatibleModel.open(config)) {
            return m.answer(List.of(request)).getFirst();
        }
    }
}
