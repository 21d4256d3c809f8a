package ai.glassbox.eval.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One document of a dataset: a line of its JSONL file.
 *
 * @param index 0-based position in the file
 * @param id the document's {@code id} field (or its index)
 * @param fields the parsed line
 */
public record Doc(int index, String id, JsonNode fields) {
    public Doc {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fields, "fields");
    }

    /** A required string field. */
    public String text(String field) {
        JsonNode v = fields.get(field);
        if (v == null || !v.isTextual()) throw new DatasetException("document " + id + " (line " + (index + 1) + "): field \"" + field + "\" is missing or not a string");
        return v.asText();
    }

    /** A required integer field. */
    public int integer(String field) {
        JsonNode v = fields.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) throw new DatasetException("document " + id + " (line " + (index + 1) + "): field \"" + field + "\" is missing or not an integer");
        return v.asInt();
    }

    /** A required array of strings. */
    public List<String> texts(String field) {
        JsonNode v = fields.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) throw new DatasetException("document " + id + " (line " + (index + 1) + "): field \"" + field + "\" is missing or not a non-empty array");
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) throw new DatasetException("document " + id + " (line " + (index + 1) + "): field \"" + field + "\" holds a non-string");
            out.add(e.asText());
        }
        return out;
    }

    /** A required array of integers. */
    public int[] integers(String field) {
        JsonNode v = fields.get(field);
        if (v == null || !v.isArray()) throw new DatasetException("document " + id + " (line " + (index + 1) + "): field \"" + field + "\" is missing or not an array");
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isIntegralNumber()) throw new DatasetException("document " + id + " (line " + (index + 1) + "): field \"" + field + "\" holds a non-integer");
            out[i] = v.get(i).asInt();
        }
        return out;
    }

    /** A gold index that must point into {@code size} choices. */
    public int index(String field, int size) {
        int i = integer(field);
        if (i < 0 || i >= size) throw new DatasetException("document " + id + " (line " + (index + 1) + "): " + field + " = " + i + " is not a choice index below " + size);
        return i;
    }
}
