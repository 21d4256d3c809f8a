package ai.glassbox.server.openai;

import java.util.Optional;

/**
 * A request the API answers with an OpenAI-style error object: {@code {"error": {"message",
 * "type", "param", "code"}}}. {@code param} names the offending field, as OpenAI's errors do.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final Optional<String> param;
    private final Optional<String> retryAfterSeconds;

    private ApiException(int status, String type, String message, Optional<String> param, Optional<String> retryAfterSeconds) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400: the field {@code param} is missing or invalid. */
    public static ApiException invalid(String param, String message) {
        return new ApiException(400, "invalid_request_error", message, Optional.of(param), Optional.empty());
    }

    /** 400 without a single field to blame (malformed JSON, say). */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request_error", message, Optional.empty(), Optional.empty());
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "invalid_request_error", "invalid or missing API key: send Authorization: Bearer <key>", Optional.empty(), Optional.empty());
    }

    /** 403: the request is understood but this server does not allow it (a feature off, an untrusted signer). */
    public static ApiException forbidden(String param, String message) {
        return new ApiException(403, "permission_error", message, Optional.ofNullable(param), Optional.empty());
    }

    /** 409: the request repeats what is already stored. */
    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict_error", message, Optional.empty(), Optional.empty());
    }

    /** 422: well-formed, but it fails verification (a bad signature, a digest that doesn't match). */
    public static ApiException unverifiable(String param, String message) {
        return new ApiException(422, "verification_error", message, Optional.ofNullable(param), Optional.empty());
    }

    public static ApiException notFound(String param, String message) {
        return new ApiException(404, "invalid_request_error", message, Optional.ofNullable(param), Optional.empty());
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "invalid_request_error", message, Optional.empty(), Optional.empty());
    }

    /** 429 with Retry-After: the queue is full. */
    public static ApiException overloaded(String message, int retryAfterSeconds) {
        return new ApiException(429, "rate_limit_error", message, Optional.empty(), Optional.of(Integer.toString(retryAfterSeconds)));
    }

    /** 503 with Retry-After: the server is shutting down. */
    public static ApiException unavailable(String message) {
        return new ApiException(503, "server_error", message, Optional.empty(), Optional.of("5"));
    }

    /** 500: a failure of the server, not of the request. */
    public static ApiException internal(String message) {
        return new ApiException(500, "server_error", message, Optional.empty(), Optional.empty());
    }

    public static ApiException timeout(String message) {
        return new ApiException(408, "timeout", message, Optional.empty(), Optional.empty());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Optional<String> param() {
        return param;
    }

    public Optional<String> retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
