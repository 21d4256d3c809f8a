package ai.glassbox.engine.chat;

import java.util.List;
import java.util.Map;

/**
 * The {@code tojson} filter as chat templates expect it: Python's {@code json.dumps} spacing
 * ({@code ", "} and {@code ": "}, or newlines and {@code indent} spaces), keys in insertion order,
 * and non-ASCII characters written as-is ({@code ensure_ascii=False}, as llama.cpp and transformers do).
 */
final class Json {
    private Json() {}

    static String dump(Position at, Object value, int indent) {
        StringBuilder sb = new StringBuilder();
        write(at, sb, value, indent, 0);
        return sb.toString();
    }

    private static void write(Position at, StringBuilder sb, Object v, int indent, int depth) {
        switch (v) {
            case None n -> sb.append("null");
            case Undefined u -> sb.append("null");
            case Boolean b -> sb.append(b ? "true" : "false");
            case Long l -> sb.append(l);
            case Double d -> sb.append(Double.isFinite(d) ? Values.pyFloat(d) : d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            case String s -> string(sb, s);
            case List<?> l -> container(at, sb, '[', ']', l.size(), indent, depth, (i, out) -> write(at, out, l.get(i), indent, depth + 1));
            case Map<?, ?> m -> {
                List<? extends Map.Entry<?, ?>> entries = List.copyOf(m.entrySet());
                container(at, sb, '{', '}', entries.size(), indent, depth, (i, out) -> {
                    Object key = entries.get(i).getKey();
                    string(out, key instanceof String s ? s : Values.str(key));
                    out.append(": ");
                    write(at, out, entries.get(i).getValue(), indent, depth + 1);
                });
            }
            case Namespace ns -> write(at, sb, ns.attributes, indent, depth);
            default -> throw new TemplateException(at, "tojson: object of type '" + Values.typeName(v) + "' is not JSON serializable");
        }
    }

    private interface Item {
        void write(int i, StringBuilder out);
    }

    private static void container(Position at, StringBuilder sb, char open, char close, int size, int indent, int depth, Item item) {
        sb.append(open);
        if (size == 0) {
            sb.append(close);
            return;
        }
        for (int i = 0; i < size; i++) {
            if (i > 0) sb.append(indent > 0 ? "," : ", ");
            if (indent > 0) sb.append('\n').append(" ".repeat(indent * (depth + 1)));
            item.write(i, sb);
        }
        if (indent > 0) sb.append('\n').append(" ".repeat(indent * depth));
        sb.append(close);
    }

    private static void string(StringBuilder sb, String s) {
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
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
