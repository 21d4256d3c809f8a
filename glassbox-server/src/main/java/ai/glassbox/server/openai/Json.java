package ai.glassbox.server.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** JSON in and out of the API. */
public final class Json {
    /** Nesting is bounded so a hostile body cannot exhaust the stack. */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());

    private Json() {}

    /** Parses a request body. @throws ApiException 400 naming where the JSON is malformed */
    static Fields parse(byte[] body) {
        if (body.length == 0) throw ApiException.badRequest("the request body is empty; send a JSON object");
        try {
            JsonNode n = MAPPER.readTree(body);
            return new Fields(n);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw ApiException.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("unreadable request body: " + e.getMessage());
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OpenAI's error object, as bytes. */
    public static byte[] error(ApiException e) {
        return bytes(errorNode(e));
    }

    /** OpenAI's error object: the body of an error response, or an event in a stream. */
    static ObjectNode errorNode(ApiException e) {
        ObjectNode root = object();
        ObjectNode err = root.putObject("error");
        err.put("message", e.getMessage());
        err.put("type", e.type());
        e.param().ifPresentOrElse(p -> err.put("param", p), () -> err.putNull("param"));
        err.putNull("code");
        return root;
    }

    /** A token's text; bytes that are not UTF-8 on their own become U+FFFD here but are exact in {@code bytes}. */
    static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    static ArrayNode byteArray(byte[] utf8) {
        ArrayNode a = array();
        for (byte b : utf8) a.add(b & 0xff);
        return a;
    }
}
