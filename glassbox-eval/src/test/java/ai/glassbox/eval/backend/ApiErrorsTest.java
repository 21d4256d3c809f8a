package ai.glassbox.eval.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.eval.ModelException;
import ai.glassbox.eval.backend.ApiErrors.Purpose;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiErrorsTest {
    private static final URI URL = URI.create("http://10.0.0.7:8000/v1/completions");

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void rateLimitsAndServerErrorsAreRetriable(int status) {
        assertTrue(ApiErrors.forStatus(URL, status, "", Purpose.GENERATION).retriable());
        assertTrue(ApiErrors.forStatus(URL, status, "", Purpose.SCORING).retriable());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 422})
    void otherClientErrorsAreNotRetriable(int status) {
        assertFalse(ApiErrors.forStatus(URL, status, "", Purpose.GENERATION).retriable());
    }

    @Test
    void messageNamesTheUrlTheStatusAndTheServersMessage() {
        String openAi = "{\"error\":{\"message\":\"This model's maximum context length is 2048 tokens\",\"type\":\"invalid_request_error\"}}";
        assertEquals("http://10.0.0.7:8000/v1/completions answered HTTP 400: This model's maximum context length is 2048 tokens",
                ApiErrors.forStatus(URL, 400, openAi, Purpose.GENERATION).getMessage());
        assertEquals("http://10.0.0.7:8000/v1/completions answered HTTP 502: <html>Bad Gateway</html>",
                ApiErrors.forStatus(URL, 502, "<html>Bad Gateway</html>\n", Purpose.GENERATION).getMessage());
        assertEquals("http://10.0.0.7:8000/v1/completions answered HTTP 503: loading model",
                ApiErrors.forStatus(URL, 503, "{\"error\":\"loading model\"}", Purpose.GENERATION).getMessage());
    }

    @Test
    void scoringOnAnEndpointThatCannotScoreGetsTheClearMessage() {
        for (int status : new int[] {404, 405, 501}) {
            ModelException e = ApiErrors.forStatus(URL, status, "", Purpose.SCORING);
            assertFalse(e.retriable());
            assertEquals(ApiErrors.NEEDS_COMPLETIONS + "; " + URL + " answered HTTP " + status, e.getMessage());
        }
        ModelException refused = ApiErrors.forStatus(URL, 400, "{\"error\":{\"message\":\"echo is not supported\"}}", Purpose.SCORING);
        assertTrue(refused.getMessage().startsWith(ApiErrors.NEEDS_COMPLETIONS + "; "), refused.getMessage());
        assertTrue(ApiErrors.forStatus(URL, 400, "{\"error\":{\"message\":\"`logprobs` must be at most 5\"}}", Purpose.SCORING).getMessage().startsWith(ApiErrors.NEEDS_COMPLETIONS));
    }

    @Test
    void generationOnAMissingEndpointSaysToCheckTheUrl() {
        assertEquals(URL + " answered HTTP 404 (check the base URL, which ends in /v1, and the model name)",
                ApiErrors.forStatus(URL, 404, "", Purpose.GENERATION).getMessage());
    }

    @Test
    void timeoutsAndRefusedConnectionsAreRetriable() {
        ModelException timeout = ApiErrors.forTransport(URL, new HttpTimeoutException("request timed out"), Duration.ofSeconds(30));
        assertTrue(timeout.retriable());
        assertEquals("no answer from " + URL + " within PT30S", timeout.getMessage());
        ModelException refused = ApiErrors.forTransport(URL, new ConnectException("Connection refused"), Duration.ofSeconds(30));
        assertTrue(refused.retriable());
        assertEquals("cannot connect to " + URL + ": Connection refused", refused.getMessage());
    }
}
