package ai.glassbox.engine.chat;

import java.util.List;
import java.util.Map;

/** Jinja2's tests, used by {@code x is name(args)} and by the select/reject filters. */
final class Tests {
    private Tests() {}

    static boolean test(Position at, String name, Object v, List<Object> args) {
        return switch (name) {
            case "defined" -> !(v instanceof Undefined);
            case "undefined" -> v instanceof Undefined;
            case "none" -> v instanceof None;
            case "string" -> v instanceof String;
            case "mapping" -> v instanceof Map<?, ?>;
            case "iterable" -> v instanceof List<?> || v instanceof Map<?, ?> || v instanceof String;
            case "sequence" -> v instanceof List<?> || v instanceof Map<?, ?> || v instanceof String;
            case "number" -> v instanceof Long || v instanceof Double;
            case "integer" -> v instanceof Long;
            case "float" -> v instanceof Double;
            case "boolean" -> v instanceof Boolean;
            case "true" -> Boolean.TRUE.equals(v);
            case "false" -> Boolean.FALSE.equals(v);
            case "callable" -> v instanceof Invocable;
            case "odd" -> Access.asLong(at, v, "odd test") % 2 != 0;
            case "even" -> Access.asLong(at, v, "even test") % 2 == 0;
            case "divisibleby" -> Access.asLong(at, v, "divisibleby test") % Access.asLong(at, arg(at, name, args), "divisor") == 0;
            case "lower" -> v instanceof String s && s.equals(s.toLowerCase());
            case "upper" -> v instanceof String s && s.equals(s.toUpperCase());
            case "eq", "equalto", "==" -> Values.equal(v, arg(at, name, args));
            case "ne", "!=" -> !Values.equal(v, arg(at, name, args));
            case "lt", "lessthan", "<" -> Values.compare(at, v, arg(at, name, args)) < 0;
            case "le", "<=" -> Values.compare(at, v, arg(at, name, args)) <= 0;
            case "gt", "greaterthan", ">" -> Values.compare(at, v, arg(at, name, args)) > 0;
            case "ge", ">=" -> Values.compare(at, v, arg(at, name, args)) >= 0;
            case "in" -> Operators.contains(at, arg(at, name, args), v);
            case "sameas" -> v == arg(at, name, args) || (v instanceof None && arg(at, name, args) instanceof None);
            default -> throw new TemplateException(at, "no test named '" + name + "'");
        };
    }

    private static Object arg(Position at, String name, List<Object> args) {
        if (args.isEmpty()) throw new TemplateException(at, "test '" + name + "' needs an argument");
        return args.getFirst();
    }
}
