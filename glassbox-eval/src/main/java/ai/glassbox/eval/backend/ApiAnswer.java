package ai.glassbox.eval.backend;

import ai.glassbox.eval.ModelException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Objects;

/**
 * A successful answer of an OpenAI-compatible endpoint, with the checked field access every
 * parser of it uses: a missing or mistyped field is a {@link ModelException} naming the field and
 * the URL.
 *
 * @param url the URL that answered
 * @param body the parsed JSON body
 */
record ApiAnswer(URI url, JsonNode body) {
    ApiAnswer {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
    }

    /**
     * {@code choices[0]}: the harness sends one prompt per request, so the first choice is the
     * answer (the one with {@code index} 0 if the server says).
     */
    JsonNode firstChoice() {
        JsonNode choices = body.path("choices");
        if (!choices.isArray() || choices.isEmpty()) throw malformed("choices", "expected a non-empty array, got " + describe(choices));
        for (JsonNode c : choices) if (c.path("index").asInt(-1) == 0) return c;
        return choices.get(0);
    }

    /** The text at {@code node}, which is the field {@code field}. */
    String text(JsonNode node, String field) {
        if (!node.isTextual()) throw malformed(field, "expected a string, got " + describe(node));
        return node.asText();
    }

    /** The array at {@code node}, which is the field {@code field}. */
    JsonNode array(JsonNode node, String field) {
        if (!node.isArray()) throw malformed(field, "expected an array, got " + describe(node));
        return node;
    }

    /** The number at {@code node}, which is the field {@code field}. */
    double number(JsonNode node, String field) {
        if (!node.isNumber()) throw malformed(field, "expected a number, got " + describe(node));
        return node.asDouble();
    }

    ModelException malformed(String field, String problem) {
        return ApiErrors.malformed(url, field, problem);
    }

    private static String describe(JsonNode n) {
        if (n.isMissingNode()) return "nothing";
        String s = n.toString();
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
