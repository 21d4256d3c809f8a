package ai.glassbox.engine.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Python {@code str}, {@code dict} and {@code list} methods that chat templates call. */
final class Methods {
    private Methods() {}

    static Optional<Invocable> lookup(Object target, String name) {
        Invocable m = switch (target) {
            case String s -> stringMethod(s, name);
            case Map<?, ?> d -> dictMethod(d, name);
            case List<?> l -> listMethod(l, name);
            default -> null;
        };
        return Optional.ofNullable(m);
    }

    private static String argString(Position at, List<Object> args, int i, String method) {
        if (i >= args.size() || args.get(i) instanceof None) return "";
        if (args.get(i) instanceof String s) return s;
        throw new TemplateException(at, method + "() argument must be a string, got '" + Values.typeName(args.get(i)) + "'");
    }

    private static Invocable stringMethod(String s, String name) {
        return switch (name) {
            case "strip" -> (at, a, k) -> Strings.strip(s, a.isEmpty() || a.getFirst() instanceof None ? null : argString(at, a, 0, name), true, true);
            case "lstrip" -> (at, a, k) -> Strings.strip(s, a.isEmpty() || a.getFirst() instanceof None ? null : argString(at, a, 0, name), true, false);
            case "rstrip" -> (at, a, k) -> Strings.strip(s, a.isEmpty() || a.getFirst() instanceof None ? null : argString(at, a, 0, name), false, true);
            case "upper" -> (at, a, k) -> s.toUpperCase(java.util.Locale.ROOT);
            case "lower" -> (at, a, k) -> s.toLowerCase(java.util.Locale.ROOT);
            case "title" -> (at, a, k) -> Strings.title(s);
            case "capitalize" -> (at, a, k) -> Strings.capitalize(s);
            case "startswith" -> (at, a, k) -> affix(at, s, a, true);
            case "endswith" -> (at, a, k) -> affix(at, s, a, false);
            case "split" -> (at, a, k) -> Strings.split(s, a.isEmpty() || a.getFirst() instanceof None ? null : argString(at, a, 0, name), maxSplit(at, a, k), false);
            case "rsplit" -> (at, a, k) -> Strings.split(s, a.isEmpty() || a.getFirst() instanceof None ? null : argString(at, a, 0, name), maxSplit(at, a, k), true);
            case "splitlines" -> (at, a, k) -> new ArrayList<Object>(s.lines().toList());
            case "replace" -> (at, a, k) -> Strings.replace(s, argString(at, a, 0, name), argString(at, a, 1, name),
                    a.size() > 2 ? Access.asLong(at, a.get(2), "replace count") : -1);
            case "find" -> (at, a, k) -> (long) s.indexOf(argString(at, a, 0, name));
            case "rfind" -> (at, a, k) -> (long) s.lastIndexOf(argString(at, a, 0, name));
            case "count" -> (at, a, k) -> Strings.count(s, argString(at, a, 0, name));
            case "join" -> (at, a, k) -> {
                StringBuilder sb = new StringBuilder();
                List<Object> items = Values.iterate(at, a.isEmpty() ? List.of() : a.getFirst());
                for (int i = 0; i < items.size(); i++) sb.append(i > 0 ? s : "").append(Values.str(items.get(i)));
                return sb.toString();
            };
            case "isdigit" -> (at, a, k) -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isspace" -> (at, a, k) -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            case "format" -> (at, a, k) -> Strings.format(at, s, a, k);
            default -> null;
        };
    }

    private static long maxSplit(Position at, List<Object> a, Map<String, Object> k) {
        Object v = a.size() > 1 ? a.get(1) : k.getOrDefault("maxsplit", -1L);
        return Access.asLong(at, v, "maxsplit");
    }

    private static boolean affix(Position at, String s, List<Object> a, boolean prefix) {
        if (a.isEmpty()) throw new TemplateException(at, (prefix ? "startswith" : "endswith") + "() needs an argument");
        List<?> options = a.getFirst() instanceof List<?> l ? l : List.of(a.getFirst());
        for (Object o : options) {
            String x = Values.str(o);
            if (prefix ? s.startsWith(x) : s.endsWith(x)) return true;
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Invocable dictMethod(Map<?, ?> d, String name) {
        Map<Object, Object> m = (Map<Object, Object>) d;
        return switch (name) {
            case "get" -> (at, a, k) -> {
                Object key = a.isEmpty() ? new Undefined("key") : a.getFirst();
                if (m.containsKey(key)) return m.get(key);
                return a.size() > 1 ? a.get(1) : k.getOrDefault("default", None.NONE);
            };
            case "items" -> (at, a, k) -> Filters.items(m);
            case "keys" -> (at, a, k) -> new ArrayList<>(m.keySet());
            case "values" -> (at, a, k) -> new ArrayList<>(m.values());
            case "update" -> (at, a, k) -> {
                if (!a.isEmpty() && a.getFirst() instanceof Map<?, ?> other) m.putAll(other);
                m.putAll(k);
                return None.NONE;
            };
            case "pop" -> (at, a, k) -> {
                if (a.isEmpty()) throw new TemplateException(at, "pop() needs a key");
                if (m.containsKey(a.getFirst())) return m.remove(a.getFirst());
                if (a.size() > 1) return a.get(1);
                throw new TemplateException(at, "key " + Values.repr(a.getFirst()) + " not found in dict");
            };
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    private static Invocable listMethod(List<?> l, String name) {
        List<Object> list = (List<Object>) l;
        return switch (name) {
            case "append" -> (at, a, k) -> {
                list.add(a.isEmpty() ? None.NONE : a.getFirst());
                return None.NONE;
            };
            case "extend" -> (at, a, k) -> {
                list.addAll(Values.iterate(at, a.isEmpty() ? List.of() : a.getFirst()));
                return None.NONE;
            };
            case "pop" -> (at, a, k) -> {
                if (list.isEmpty()) throw new TemplateException(at, "pop from empty list");
                long i = a.isEmpty() ? -1 : Access.asLong(at, a.getFirst(), "pop index");
                return list.remove((int) (i < 0 ? i + list.size() : i));
            };
            case "index" -> (at, a, k) -> {
                for (int i = 0; i < list.size(); i++) if (!a.isEmpty() && Values.equal(list.get(i), a.getFirst())) return (long) i;
                throw new TemplateException(at, "value is not in list");
            };
            case "count" -> (at, a, k) -> list.stream().filter(x -> !a.isEmpty() && Values.equal(x, a.getFirst())).count();
            default -> null;
        };
    }
}
