package ai.glassbox.eval.backend;

import ai.glassbox.eval.ModelException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * The one place where an HTTP status or a transport failure of an OpenAI-compatible endpoint
 * becomes a {@link ModelException}: retriable for 408, 429, 5xx, refused connections and
 * timeouts; not retriable for every other status. Messages name the URL, the status and the
 * server's own error message.
 */
final class ApiErrors {
    /** The start of the message for an endpoint that cannot score prompts. */
    static final String NEEDS_COMPLETIONS = "loglikelihood tasks need a /v1/completions endpoint with echo and logprobs";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_CHARS = 500;

    private ApiErrors() {}

    /** What a request asked of the endpoint. */
    enum Purpose {
        /** A prompt scored with {@code echo} and {@code logprobs} (a loglikelihood request). */
        SCORING,
        /** Text generated after a prompt. */
        GENERATION
    }

    /** The exception for a non-2xx answer. */
    static ModelException forStatus(URI url, int status, String body, Purpose purpose) {
        String serverMessage = serverMessage(body);
        String answered = url + " answered HTTP " + status + (serverMessage.isEmpty() ? "" : ": " + serverMessage);
        if (purpose == Purpose.SCORING && cannotScore(status, serverMessage)) {
            return new ModelException(NEEDS_COMPLETIONS + "; " + answered, false);
        }
        // 408: the server gave up waiting for the request, which RFC 9110 says may be repeated
        boolean retriable = status == 408 || status == 429 || status >= 500;
        String hint = switch (status) {
            case 401, 403 -> " (check the API key)";
            case 404 -> " (check the base URL, which ends in /v1, and the model name)";
            default -> "";
        };
        return new ModelException(answered + hint, retriable);
    }

    /** The exception for an exchange that failed before a status arrived; always retriable. */
    static ModelException forTransport(URI url, IOException e, Duration timeout) {
        String what = switch (e) {
            case HttpTimeoutException _ -> "no answer from " + url + " within " + timeout;
            case ConnectException c -> "cannot connect to " + url + ": " + describe(c);
            default -> "request to " + url + " failed: " + describe(e);
        };
        return new ModelException(what, true, e);
    }

    /** The exception for a 2xx answer that lacks a field or has the wrong kind of value in it. */
    static ModelException malformed(URI url, String field, String problem) {
        return new ModelException(url + " answered without a valid " + field + ": " + problem, false);
    }

    /**
     * A scoring request failed because the endpoint does not offer what scoring needs: no
     * {@code /completions} (a chat-only server), or a completions endpoint that refuses echo or
     * logprobs.
     */
    private static boolean cannotScore(int status, String serverMessage) {
        if (status == 404 || status == 405 || status == 501) return true;
        String m = serverMessage.toLowerCase(Locale.ROOT);
        return status >= 400 && status < 500 && status != 429 && (m.contains("echo") || m.contains("logprobs"));
    }

    /** {@code error.message} of an OpenAI error body, else the body itself, shortened. */
    private static String serverMessage(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) return shorten(error.asText());
            if (error.path("message").isTextual()) return shorten(error.path("message").asText());
        } catch (IOException notJson) {
            // a proxy's HTML page or plain text: show it as it is
        }
        return shorten(body.strip());
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String shorten(String s) {
        return s.length() <= MAX_BODY_CHARS ? s : s.substring(0, MAX_BODY_CHARS) + "…";
    }
}
