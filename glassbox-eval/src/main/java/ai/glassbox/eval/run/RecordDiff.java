package ai.glassbox.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where two sample records first differ, as a readable path such as {@code responses[1].logprob}. */
final class RecordDiff {
    private RecordDiff() {}

    /** Values longer than this are cut in messages: a whole missing response is noise. */
    private static final int MAX_VALUE_CHARS = 200;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * @param field the path of the first difference
     * @param left the value in the first record, as JSON text, or {@code missing}
     * @param right the value in the second record, as JSON text, or {@code missing}
     */
    record At(String field, String left, String right) {}

    /** The first difference in {@code left}'s field order (then fields only {@code right} has), or empty when the values are equal. */
    static Optional<At> first(JsonNode left, JsonNode right) {
        return first("", left, right);
    }

    private static Optional<At> first(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            for (var e : a.properties()) {
                String p = field(path, e.getKey());
                JsonNode y = b.get(e.getKey());
                if (y == null) return Optional.of(new At(p, shorten(e.getValue().toString()), "missing"));
                Optional<At> d = first(p, e.getValue(), y);
                if (d.isPresent()) return d;
            }
            for (var e : b.properties()) {
                if (!a.has(e.getKey())) return Optional.of(new At(field(path, e.getKey()), "missing", shorten(e.getValue().toString())));
            }
            return Optional.empty();
        }
        if (a.isArray() && b.isArray()) {
            int n = Math.min(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                Optional<At> d = first(path + "[" + i + "]", a.get(i), b.get(i));
                if (d.isPresent()) return d;
            }
            if (a.size() == b.size()) return Optional.empty();
            String p = path + "[" + n + "]";
            return Optional.of(a.size() > n ? new At(p, shorten(a.get(n).toString()), "missing") : new At(p, "missing", shorten(b.get(n).toString())));
        }
        return a.equals(b) ? Optional.empty() : Optional.of(new At(path, shorten(a.toString()), shorten(b.toString())));
    }

    private static String field(String path, String key) {
        if (!NAME.matcher(key).matches()) return path + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        return path.isEmpty() ? key : path + "." + key;
    }

    static String shorten(String text) {
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "…";
    }
}
