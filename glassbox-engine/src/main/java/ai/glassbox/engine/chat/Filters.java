package ai.glassbox.engine.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Jinja2's built-in filters, plus {@code tojson} with the spacing transformers and llama.cpp use. */
final class Filters {
    Object apply(Position at, String name, Object v, List<Object> args, Map<String, Object> kw) {
        return switch (name) {
            case "trim" -> Strings.strip(Values.str(v), args.isEmpty() ? null : Values.str(args.getFirst()), true, true);
            case "length", "count" -> Values.length(at, v);
            case "string" -> Values.str(v);
            case "upper" -> Values.str(v).toUpperCase(Locale.ROOT);
            case "lower" -> Values.str(v).toLowerCase(Locale.ROOT);
            case "title" -> Strings.title(Values.str(v));
            case "capitalize" -> Strings.capitalize(Values.str(v));
            case "replace" -> Strings.replace(Values.str(v), Values.str(arg(at, name, args, 0)), Values.str(arg(at, name, args, 1)),
                    args.size() > 2 ? Access.asLong(at, args.get(2), "replace count") : -1);
            case "join" -> join(at, v, args.isEmpty() ? (String) kw.getOrDefault("d", "") : Values.str(args.getFirst()), kw);
            case "first" -> {
                List<Object> items = Values.iterate(at, v);
                yield items.isEmpty() ? new Undefined("first item") : items.getFirst();
            }
            case "last" -> {
                List<Object> items = Values.iterate(at, v);
                yield items.isEmpty() ? new Undefined("last item") : items.getLast();
            }
            case "default", "d" -> {
                Object fallback = args.isEmpty() ? "" : args.getFirst();
                boolean onFalsy = args.size() > 1 ? Values.truthy(args.get(1)) : Values.truthy(kw.getOrDefault("boolean", false));
                yield v instanceof Undefined || (onFalsy && !Values.truthy(v)) ? fallback : v;
            }
            case "items" -> v instanceof Undefined ? new ArrayList<>() : items(asMap(at, name, v));
            case "list" -> Values.iterate(at, v);
            case "map" -> map(at, v, args, kw);
            case "selectattr", "rejectattr" -> selectAttr(at, v, args, name.equals("selectattr"));
            case "select", "reject" -> select(at, v, args, name.equals("select"));
            case "unique" -> {
                List<Object> out = new ArrayList<>();
                for (Object o : Values.iterate(at, v)) if (out.stream().noneMatch(x -> Values.equal(x, o))) out.add(o);
                yield out;
            }
            case "sort" -> sort(at, v, args, kw);
            case "reverse" -> v instanceof String s ? new StringBuilder(s).reverse().toString() : reversed(at, v);
            case "int" -> toInt(v, args.isEmpty() ? 0L : args.getFirst());
            case "float" -> toFloat(v, args.isEmpty() ? 0.0 : args.getFirst());
            case "round" -> round(at, v, args, kw);
            case "abs" -> v instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs(Values.toDouble(number(at, name, v)));
            case "sum" -> {
                Object total = 0L;
                for (Object o : Values.iterate(at, v)) total = Operators.binary(at, "+", total, o);
                yield total;
            }
            case "min", "max" -> {
                List<Object> items = Values.iterate(at, v);
                if (items.isEmpty()) yield new Undefined(name + " of empty sequence");
                Comparator<Object> order = (a, b) -> Values.compare(at, a, b);
                yield name.equals("min") ? items.stream().min(order).orElseThrow() : items.stream().max(order).orElseThrow();
            }
            case "tojson" -> Json.dump(at, v, indent(at, args, kw));
            case "safe" -> v instanceof String ? v : Values.str(v);
            case "escape", "e", "forceescape" -> escape(Values.str(v));
            case "wordcount" -> (long) Strings.split(Values.str(v), null, -1, false).size();
            case "indent" -> indent(Values.str(v), args.isEmpty() ? 4 : (int) Access.asLong(at, args.getFirst(), "indent width"),
                    args.size() > 1 ? Values.truthy(args.get(1)) : Values.truthy(kw.getOrDefault("first", false)));
            case "batch", "slice" -> throw new TemplateException(at, "filter '" + name + "' is not supported");
            default -> throw new TemplateException(at, "no filter named '" + name + "'");
        };
    }

    private static Object arg(Position at, String filter, List<Object> args, int i) {
        if (i >= args.size()) throw new TemplateException(at, "filter '" + filter + "' needs argument " + (i + 1));
        return args.get(i);
    }

    private static Object number(Position at, String filter, Object v) {
        if (!Values.isNumber(v)) throw new TemplateException(at, "filter '" + filter + "' needs a number, got '" + Values.typeName(v) + "'");
        return v;
    }

    private static Map<?, ?> asMap(Position at, String filter, Object v) {
        if (v instanceof Map<?, ?> m) return m;
        throw new TemplateException(at, "filter '" + filter + "' needs a mapping, got '" + Values.typeName(v) + "'");
    }

    /** A dict's items as two-element lists, for {@code for k, v in d.items()}. */
    static List<Object> items(Map<?, ?> m) {
        List<Object> out = new ArrayList<>();
        for (var e : m.entrySet()) out.add(new ArrayList<>(List.of(e.getKey(), e.getValue())));
        return out;
    }

    private String join(Position at, Object v, String sep, Map<String, Object> kw) {
        StringBuilder sb = new StringBuilder();
        List<Object> items = Values.iterate(at, v);
        for (int i = 0; i < items.size(); i++) {
            Object item = kw.containsKey("attribute") ? attributePath(at, items.get(i), Values.str(kw.get("attribute"))) : items.get(i);
            sb.append(i > 0 ? sep : "").append(Values.str(item));
        }
        return sb.toString();
    }

    /** Follows a dotted attribute path such as {@code "function.name"}; numeric parts index lists. */
    private static Object attributePath(Position at, Object v, String path) {
        for (String part : path.split("\\.")) {
            if (v instanceof Undefined) return v;
            v = part.chars().allMatch(Character::isDigit) && !part.isEmpty()
                    ? Access.item(at, v, Long.parseLong(part))
                    : Access.item(at, v, part);
        }
        return v;
    }

    private Object map(Position at, Object v, List<Object> args, Map<String, Object> kw) {
        List<Object> out = new ArrayList<>();
        for (Object item : Values.iterate(at, v)) {
            if (kw.containsKey("attribute")) {
                Object x = attributePath(at, item, Values.str(kw.get("attribute")));
                out.add(x instanceof Undefined && kw.containsKey("default") ? kw.get("default") : x);
            } else {
                String filter = Values.str(arg(at, "map", args, 0));
                out.add(apply(at, filter, item, args.subList(1, args.size()), Map.of()));
            }
        }
        return out;
    }

    private static List<Object> selectAttr(Position at, Object v, List<Object> args, boolean keep) {
        String attribute = Values.str(arg(at, keep ? "selectattr" : "rejectattr", args, 0));
        List<Object> out = new ArrayList<>();
        for (Object item : Values.iterate(at, v)) {
            Object x = attributePath(at, item, attribute);
            boolean pass = args.size() > 1 ? Tests.test(at, Values.str(args.get(1)), x, args.subList(2, args.size())) : Values.truthy(x);
            if (pass == keep) out.add(item);
        }
        return out;
    }

    private static List<Object> select(Position at, Object v, List<Object> args, boolean keep) {
        List<Object> out = new ArrayList<>();
        for (Object item : Values.iterate(at, v)) {
            boolean pass = args.isEmpty() ? Values.truthy(item) : Tests.test(at, Values.str(args.getFirst()), item, args.subList(1, args.size()));
            if (pass == keep) out.add(item);
        }
        return out;
    }

    private static List<Object> sort(Position at, Object v, List<Object> args, Map<String, Object> kw) {
        boolean reverse = Values.truthy(args.isEmpty() ? kw.getOrDefault("reverse", false) : args.getFirst());
        boolean caseSensitive = Values.truthy(args.size() > 1 ? args.get(1) : kw.getOrDefault("case_sensitive", false));
        Object attribute = args.size() > 2 ? args.get(2) : kw.getOrDefault("attribute", None.NONE);
        List<Object> items = Values.iterate(at, v);
        Comparator<Object> order = (a, b) -> {
            Object x = attribute instanceof None ? a : attributePath(at, a, Values.str(attribute));
            Object y = attribute instanceof None ? b : attributePath(at, b, Values.str(attribute));
            // Jinja2 sorts strings case-insensitively unless case_sensitive is set.
            if (!caseSensitive && x instanceof String sx && y instanceof String sy) return sx.toLowerCase().compareTo(sy.toLowerCase());
            return Values.compare(at, x, y);
        };
        items.sort(reverse ? order.reversed() : order);
        return items;
    }

    private static List<Object> reversed(Position at, Object v) {
        List<Object> items = Values.iterate(at, v);
        java.util.Collections.reverse(items);
        return items;
    }

    private static Object toInt(Object v, Object fallback) {
        return switch (v) {
            case Long l -> l;
            case Double d -> (long) d.doubleValue();
            case Boolean b -> b ? 1L : 0L;
            case String s -> {
                try {
                    yield Long.parseLong(s.strip());
                } catch (NumberFormatException e) {
                    try {
                        yield (long) Double.parseDouble(s.strip());
                    } catch (NumberFormatException e2) {
                        yield fallback;
                    }
                }
            }
            default -> fallback;
        };
    }

    private static Object toFloat(Object v, Object fallback) {
        return switch (v) {
            case Long l -> (double) l;
            case Double d -> d;
            case Boolean b -> b ? 1.0 : 0.0;
            case String s -> {
                try {
                    yield Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    yield fallback;
                }
            }
            default -> fallback;
        };
    }

    private static Object round(Position at, Object v, List<Object> args, Map<String, Object> kw) {
        long precision = Access.asLong(at, args.isEmpty() ? kw.getOrDefault("precision", 0L) : args.getFirst(), "round precision");
        String method = Values.str(args.size() > 1 ? args.get(1) : kw.getOrDefault("method", "common"));
        double scale = Math.pow(10, precision);
        double x = Values.toDouble(number(at, "round", v)) * scale;
        double r = switch (method) {
            case "ceil" -> Math.ceil(x);
            case "floor" -> Math.floor(x);
            default -> Math.signum(x) * Math.floor(Math.abs(x) + 0.5);
        };
        return r / scale;
    }

    private static int indent(Position at, List<Object> args, Map<String, Object> kw) {
        Object v = args.isEmpty() ? kw.getOrDefault("indent", None.NONE) : args.getFirst();
        return v instanceof None ? 0 : (int) Access.asLong(at, v, "tojson indent");
    }

    private static String indent(String s, int width, boolean first) {
        String pad = " ".repeat(width);
        String[] lines = s.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) sb.append('\n');
            if ((i > 0 || first) && !lines[i].isEmpty()) sb.append(pad);
            sb.append(lines[i]);
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;").replace("'", "&#39;");
    }
}
