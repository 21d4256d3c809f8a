package ai.glassbox.engine.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Binary operators with Python semantics: arithmetic, concatenation, comparison and membership. */
final class Operators {
    private Operators() {}

    static Object binary(Position at, String op, Object a, Object b) {
        return switch (op) {
            case "~" -> Values.str(a) + Values.str(b);
            case "==" -> Values.equal(a, b);
            case "!=" -> !Values.equal(a, b);
            case "<" -> ordered(at, a, b) < 0;
            case "<=" -> ordered(at, a, b) <= 0;
            case ">" -> ordered(at, a, b) > 0;
            case ">=" -> ordered(at, a, b) >= 0;
            case "in" -> contains(at, b, a);
            case "not in" -> !contains(at, b, a);
            case "+" -> plus(at, a, b);
            case "*" -> times(at, a, b);
            case "%" -> a instanceof String s ? format(at, s, b) : arithmetic(at, op, a, b);
            default -> arithmetic(at, op, a, b);
        };
    }

    private static int ordered(Position at, Object a, Object b) {
        checkDefined(at, a);
        checkDefined(at, b);
        return Values.compare(at, a, b);
    }

    private static void checkDefined(Position at, Object v) {
        if (v instanceof Undefined u) throw new TemplateException(at, "'" + u.name() + "' is undefined");
    }

    static boolean contains(Position at, Object container, Object item) {
        return switch (container) {
            case String s -> {
                if (!(item instanceof String needle)) {
                    throw new TemplateException(at, "'in <string>' requires string as left operand, not " + Values.typeName(item));
                }
                yield s.contains(needle);
            }
            case List<?> l -> l.stream().anyMatch(x -> Values.equal(x, item));
            case Map<?, ?> m -> m.keySet().stream().anyMatch(k -> Values.equal(k, item));
            case Undefined u -> false;
            default -> throw new TemplateException(at, "argument of type '" + Values.typeName(container) + "' is not iterable");
        };
    }

    private static Object plus(Position at, Object a, Object b) {
        if (a instanceof String x && b instanceof String y) return x + y;
        if (a instanceof List<?> x && b instanceof List<?> y) {
            List<Object> out = new ArrayList<>(x);
            out.addAll(y);
            return out;
        }
        return arithmetic(at, "+", a, b);
    }

    private static Object times(Position at, Object a, Object b) {
        if (a instanceof String s && b instanceof Long n) return s.repeat((int) Math.max(0, n));
        if (a instanceof Long n && b instanceof String s) return s.repeat((int) Math.max(0, n));
        if (a instanceof List<?> l && b instanceof Long n) {
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < n; i++) out.addAll(l);
            return out;
        }
        return arithmetic(at, "*", a, b);
    }

    private static Object arithmetic(Position at, String op, Object a, Object b) {
        checkDefined(at, a);
        checkDefined(at, b);
        if (!Values.isNumber(a) || !Values.isNumber(b)) {
            throw new TemplateException(at, "unsupported operand type(s) for " + op + ": '" + Values.typeName(a)
                    + "' and '" + Values.typeName(b) + "'");
        }
        boolean integral = !(a instanceof Double) && !(b instanceof Double);
        if (integral) {
            long x = (long) Values.toDouble(a), y = (long) Values.toDouble(b);
            return switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "/" -> (double) x / y;
                case "//" -> Math.floorDiv(x, nonZero(at, y));
                case "%" -> Math.floorMod(x, nonZero(at, y));
                case "**" -> y >= 0 ? (Object) pow(x, y) : Math.pow(x, y);
                default -> throw new TemplateException(at, "unknown operator " + op);
            };
        }
        double x = Values.toDouble(a), y = Values.toDouble(b);
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> x / nonZero(at, y);
            case "//" -> Math.floor(x / nonZero(at, y));
            case "%" -> x - Math.floor(x / nonZero(at, y)) * y;
            case "**" -> Math.pow(x, y);
            default -> throw new TemplateException(at, "unknown operator " + op);
        };
    }

    private static long pow(long x, long y) {
        long r = 1;
        for (long i = 0; i < y; i++) r *= x;
        return r;
    }

    private static long nonZero(Position at, long y) {
        if (y == 0) throw new TemplateException(at, "integer division or modulo by zero");
        return y;
    }

    private static double nonZero(Position at, double y) {
        if (y == 0) throw new TemplateException(at, "float division by zero");
        return y;
    }

    /** Python's {@code "fmt" % args} for {@code %s}, {@code %d}, {@code %r} and {@code %%}. */
    private static String format(Position at, String fmt, Object args) {
        List<?> values = args instanceof List<?> l ? l : List.of(args);
        StringBuilder sb = new StringBuilder();
        int next = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                sb.append(c);
                continue;
            }
            char d = fmt.charAt(++i);
            if (d == '%') {
                sb.append('%');
                continue;
            }
            if (next >= values.size()) throw new TemplateException(at, "not enough arguments for format string");
            Object v = values.get(next++);
            switch (d) {
                case 's' -> sb.append(Values.str(v));
                case 'r' -> sb.append(Values.repr(v));
                case 'd', 'i' -> sb.append((long) Values.toDouble(v));
                default -> throw new TemplateException(at, "unsupported format directive '%" + d + "'");
            }
        }
        return sb.toString();
    }
}
