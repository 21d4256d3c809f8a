package ai.glassbox.server.publish;

import ai.glassbox.server.openai.ApiException;
import io.helidon.webserver.http.ServerRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads and checks a request's query and path parameters; every failure is a 400 naming the parameter. */
final class QueryParams {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** A page of a list: at most {@code limit} items from {@code offset}. */
    record Page(int limit, long offset) {}

    private final ServerRequest req;

    QueryParams(ServerRequest req) {
        this.req = req;
    }

    /** The query parameter {@code name}, if it was given. */
    Optional<String> text(String name) {
        return req.query().first(name).map(s -> s);
    }

    /** {@code limit} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}) and {@code offset} (0 or more, default 0). */
    Page page() {
        long limit = text("limit").map(s -> integer("limit", s)).orElse((long) DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) throw ApiException.invalid("limit", "limit is " + limit + "; it must be between 1 and " + MAX_LIMIT);
        long offset = text("offset").map(s -> integer("offset", s)).orElse(0L);
        if (offset < 0) throw ApiException.invalid("offset", "offset is " + offset + "; it must not be negative");
        return new Page((int) limit, offset);
    }

    /** A query parameter that must be a non-negative integer, if it was given. */
    Optional<Long> count(String name) {
        return text(name).map(s -> nonNegative(name, integer(name, s)));
    }

    /** A query parameter that must be a day, {@code yyyy-MM-dd}, if it was given. */
    Optional<LocalDate> date(String name) {
        return text(name).map(s -> {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw ApiException.invalid(name, name + " is \"" + s + "\", not a date as yyyy-MM-dd");
            }
        });
    }

    /** A path parameter that must be a non-negative integer. */
    long pathIndex(String name) {
        return nonNegative(name, integer(name, req.path().pathParameters().get(name)));
    }

    String path(String name) {
        return req.path().pathParameters().get(name);
    }

    private static long nonNegative(String name, long value) {
        if (value < 0) throw ApiException.invalid(name, name + " is " + value + "; it must not be negative");
        return value;
    }

    private static long integer(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, name + " is \"" + value + "\", not an integer");
        }
    }
}
