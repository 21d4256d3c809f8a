package ai.glassbox.eval.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * JSON text exactly as Python's {@code json.dumps(obj, ensure_ascii=False)} writes it, so a
 * converted dataset file reproduces the pinned bytes: {@code ", "} and {@code ": "} as separators,
 * keys in insertion order, non-ASCII characters raw, and Python's escapes. Jackson's writer is
 * compact and escapes differently, hence this one. Only strings, integers, arrays and objects occur
 * in the datasets; anything else is refused.
 */
final class PythonJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJson() {}

    /** One value as {@code json.dumps} writes it, without a line end. */
    static String dumps(JsonNode node) {
        var sb = new StringBuilder();
        write(node, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, StringBuilder sb) {
        if (node.isTextual()) {
            string(node.textValue(), sb);
        } else if (node.isIntegralNumber()) {
            sb.append(node.bigIntegerValue());
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) sb.append(", ");
                write(node.get(i), sb);
            }
            sb.append(']');
        } else if (node.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!first) sb.append(", ");
                first = false;
                string(field.getKey(), sb);
                sb.append(": ");
                write(field.getValue(), sb);
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException("no Python JSON form for a " + node.getNodeType() + " value");
        }
    }

    /** Python's {@code ESCAPE} set: the quote, the backslash and the C0 controls. */
    static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
