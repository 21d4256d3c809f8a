package ai.glassbox.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Typed access to a JSON request body that names the field in every complaint. Absent and
 * {@code null} fields are the same (OpenAI's clients send {@code null} for unset options).
 */
final class Fields {
    private final JsonNode body;

    Fields(JsonNode body) {
        if (body == null || !body.isObject()) throw ApiException.badRequest("the request body must be a JSON object");
        this.body = body;
    }

    JsonNode body() {
        return body;
    }

    Optional<JsonNode> node(String name) {
        JsonNode n = body.get(name);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    String requiredString(String name) {
        JsonNode n = node(name).orElseThrow(() -> ApiException.invalid(name, "'" + name + "' is required"));
        if (!n.isTextual()) throw ApiException.invalid(name, "'" + name + "' must be a string");
        return n.asText();
    }

    boolean bool(String name, boolean otherwise) {
        Optional<JsonNode> n = node(name);
        if (n.isEmpty()) return otherwise;
        if (!n.get().isBoolean()) throw ApiException.invalid(name, "'" + name + "' must be true or false");
        return n.get().asBoolean();
    }

    OptionalDouble number(String name, double min, double max) {
        Optional<JsonNode> n = node(name);
        if (n.isEmpty()) return OptionalDouble.empty();
        if (!n.get().isNumber()) throw ApiException.invalid(name, "'" + name + "' must be a number");
        double v = n.get().asDouble();
        if (!(v >= min && v <= max)) throw ApiException.invalid(name, "'" + name + "' must be between " + min + " and " + max + ", is " + v);
        return OptionalDouble.of(v);
    }

    OptionalInt integer(String name, int min, int max) {
        Optional<JsonNode> n = node(name);
        if (n.isEmpty()) return OptionalInt.empty();
        JsonNode v = n.get();
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw ApiException.invalid(name, "'" + name + "' must be an integer");
        long x = v.asLong();
        if (x < min || x > max) throw ApiException.invalid(name, "'" + name + "' must be between " + min + " and " + max + ", is " + x);
        return OptionalInt.of((int) x);
    }

    OptionalLong longInteger(String name) {
        Optional<JsonNode> n = node(name);
        if (n.isEmpty()) return OptionalLong.empty();
        if (!n.get().isIntegralNumber() || !n.get().canConvertToLong()) throw ApiException.invalid(name, "'" + name + "' must be a 64-bit integer");
        return OptionalLong.of(n.get().asLong());
    }

    /** {@code stop}: a string or an array of up to four non-empty strings. */
    List<String> stop() {
        Optional<JsonNode> n = node("stop");
        if (n.isEmpty()) return List.of();
        JsonNode v = n.get();
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            out.add(v.asText());
        } else if (v.isArray()) {
            if (v.size() > 4) throw ApiException.invalid("stop", "'stop' holds at most 4 sequences, not " + v.size());
            for (JsonNode s : v) {
                if (!s.isTextual()) throw ApiException.invalid("stop", "'stop' must be a string or an array of strings");
                out.add(s.asText());
            }
        } else {
            throw ApiException.invalid("stop", "'stop' must be a string or an array of strings");
        }
        out.removeIf(String::isEmpty);
        return List.copyOf(out);
    }

    /** {@code n}: only one choice per request. */
    void singleChoice() {
        OptionalInt n = integer("n", 1, 128);
        if (n.isPresent() && n.getAsInt() != 1) throw ApiException.invalid("n", "'n' must be 1: send one request per choice");
    }
}
