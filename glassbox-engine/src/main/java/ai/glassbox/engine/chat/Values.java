package ai.glassbox.engine.chat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python semantics for the interpreter's values: {@code String}, {@code Long}, {@code Double},
 * {@code Boolean}, {@link None}, {@link Undefined}, {@code List} (lists and tuples), {@code Map}
 * (insertion-ordered dicts), {@link Namespace}, {@link LoopInfo} and {@link Invocable}.
 */
final class Values {
    private Values() {}

    static boolean truthy(Object v) {
        return switch (v) {
            case Boolean b -> b;
            case Long l -> l != 0;
            case Double d -> d != 0.0;
            case String s -> !s.isEmpty();
            case List<?> l -> !l.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case None n -> false;
            case Undefined u -> false;
            default -> true;
        };
    }

    /** Python's {@code str()}, which is also how {@code {{ }}} renders a value. */
    static String str(Object v) {
        return switch (v) {
            case String s -> s;
            case Undefined u -> "";
            case Double d -> pyFloat(d);
            case Boolean b -> b ? "True" : "False";
            default -> repr(v);
        };
    }

    /** Python's {@code repr()}, used inside containers. */
    static String repr(Object v) {
        return switch (v) {
            case String s -> reprString(s);
            case Long l -> l.toString();
            case Double d -> pyFloat(d);
            case Boolean b -> b ? "True" : "False";
            case None n -> "None";
            case Undefined u -> "";
            case List<?> l -> {
                List<String> parts = new ArrayList<>();
                for (Object o : l) parts.add(repr(o));
                yield "[" + String.join(", ", parts) + "]";
            }
            case Map<?, ?> m -> {
                List<String> parts = new ArrayList<>();
                for (var e : m.entrySet()) parts.add(repr(e.getKey()) + ": " + repr(e.getValue()));
                yield "{" + String.join(", ", parts) + "}";
            }
            case Namespace ns -> "<Namespace " + repr(ns.attributes) + ">";
            case LoopInfo loop -> "<LoopContext " + loop.index0() + "/" + loop.length() + ">";
            default -> "<function>";
        };
    }

    private static String reprString(String s) {
        char quote = s.contains("'") && !s.contains("\"") ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == quote) sb.append('\\');
                    sb.append(c);
                }
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's float repr: shortest round-trip digits, fixed notation for exponents -4..15. */
    static String pyFloat(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0.0) return (1 / d < 0) ? "-0.0" : "0.0";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exponent = digits.length() - 1 - bd.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        String plain = bd.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    static double toDouble(Object v) {
        return switch (v) {
            case Long l -> l;
            case Double d -> d;
            case Boolean b -> b ? 1 : 0;
            default -> throw new IllegalArgumentException("not a number");
        };
    }

    static boolean equal(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) return toDouble(a) == toDouble(b);
            return (long) toDouble(a) == (long) toDouble(b);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) return false;
            for (int i = 0; i < la.size(); i++) if (!equal(la.get(i), lb.get(i))) return false;
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) return false;
            for (var e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()))) return false;
            }
            return true;
        }
        if (a instanceof Undefined && b instanceof Undefined) return true;
        return a.equals(b);
    }

    /** Python ordering for numbers, strings and lists; anything else is not orderable. */
    static int compare(Position at, Object a, Object b) {
        if (isNumber(a) && isNumber(b)) return Double.compare(toDouble(a), toDouble(b));
        if (a instanceof String sa && b instanceof String sb) return sa.compareTo(sb);
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
                int c = compare(at, la.get(i), lb.get(i));
                if (c != 0) return c;
            }
            return Integer.compare(la.size(), lb.size());
        }
        throw new TemplateException(at, "cannot order " + typeName(a) + " and " + typeName(b));
    }

    static String typeName(Object v) {
        return switch (v) {
            case String s -> "str";
            case Long l -> "int";
            case Double d -> "float";
            case Boolean b -> "bool";
            case None n -> "NoneType";
            case Undefined u -> "undefined";
            case List<?> l -> "list";
            case Map<?, ?> m -> "dict";
            case Namespace ns -> "namespace";
            case LoopInfo loop -> "loop";
            default -> "function";
        };
    }

    /** The items a {@code for} loop visits: list items, dict keys, string characters; undefined is empty. */
    static List<Object> iterate(Position at, Object v) {
        return switch (v) {
            case List<?> l -> new ArrayList<>(l);
            case Map<?, ?> m -> new ArrayList<>(m.keySet());
            case String s -> new ArrayList<>(s.codePoints().mapToObj(Character::toString).toList());
            case Undefined u -> new ArrayList<>();
            default -> throw new TemplateException(at, "'" + typeName(v) + "' object is not iterable");
        };
    }

    static long length(Position at, Object v) {
        return switch (v) {
            case String s -> s.codePointCount(0, s.length());
            case List<?> l -> l.size();
            case Map<?, ?> m -> m.size();
            case Namespace ns -> ns.attributes.size();
            case Undefined u -> 0;
            default -> throw new TemplateException(at, "object of type '" + typeName(v) + "' has no len()");
        };
    }

    /** Turns host values (Java collections, boxed numbers, {@code null}) into interpreter values. */
    static Object fromJava(Object v) {
        return switch (v) {
            case null -> None.NONE;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Double d -> d;
            case Float f -> (double) f;
            case Number n -> n.doubleValue();
            case Character c -> c.toString();
            case Map<?, ?> m -> {
                Map<Object, Object> copy = new java.util.LinkedHashMap<>();
                for (var e : m.entrySet()) copy.put(fromJava(e.getKey()), fromJava(e.getValue()));
                yield copy;
            }
            case Iterable<?> it -> {
                List<Object> copy = new ArrayList<>();
                for (Object o : it) copy.add(fromJava(o));
                yield copy;
            }
            case Object[] arr -> fromJava(java.util.Arrays.asList(arr));
            default -> v;
        };
    }
}
