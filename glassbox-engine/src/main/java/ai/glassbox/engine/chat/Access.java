package ai.glassbox.engine.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jinja2's lookup rules: {@code a.b} prefers a Python attribute (a method) over a dict key, and
 * {@code a['b']} prefers the key; a missing key or index yields {@link Undefined}, while looking
 * inside an undefined value is an error, as with Jinja2's default {@code Undefined}.
 */
final class Access {
    private Access() {}

    static Object attribute(Position at, Object target, String name) {
        if (target instanceof Undefined u) throw undefined(at, u, name);
        Optional<Invocable> method = Methods.lookup(target, name);
        if (method.isPresent()) return method.get();
        return switch (target) {
            case Map<?, ?> m -> m.containsKey(name) ? m.get(name) : new Undefined(name);
            case Namespace ns -> ns.attributes.containsKey(name) ? ns.attributes.get(name) : new Undefined(name);
            case LoopInfo loop -> loop.attribute(name);
            default -> new Undefined(name);
        };
    }

    static Object item(Position at, Object target, Object key) {
        if (target instanceof Undefined u) throw undefined(at, u, Values.str(key));
        return switch (target) {
            case Map<?, ?> m -> {
                if (m.containsKey(key)) yield m.get(key);
                yield key instanceof String s ? attribute(at, target, s) : new Undefined(Values.str(key));
            }
            case List<?> l when key instanceof Long || key instanceof Boolean -> {
                long i = (long) Values.toDouble(key);
                if (i < 0) i += l.size();
                yield i >= 0 && i < l.size() ? l.get((int) i) : new Undefined("index " + key);
            }
            case String s when key instanceof Long idx -> {
                int[] cps = s.codePoints().toArray();
                long i = idx < 0 ? idx + cps.length : idx;
                yield i >= 0 && i < cps.length ? Character.toString(cps[(int) i]) : new Undefined("index " + key);
            }
            default -> key instanceof String s ? attribute(at, target, s) : new Undefined(Values.str(key));
        };
    }

    private static TemplateException undefined(Position at, Undefined u, String name) {
        return new TemplateException(at, "'" + u.name() + "' is undefined (looking up '" + name + "')");
    }

    /** Python slicing {@code target[start:stop:step]} of lists and strings; none means "omitted". */
    static Object slice(Position at, Object target, Object start, Object stop, Object step) {
        long st = step instanceof None ? 1 : asLong(at, step, "slice step");
        if (st == 0) throw new TemplateException(at, "slice step cannot be zero");
        List<Object> items = switch (target) {
            case List<?> l -> new ArrayList<>(l);
            case String s -> new ArrayList<>(s.codePoints().mapToObj(Character::toString).toList());
            case Undefined u -> throw undefined(at, u, "slice");
            default -> throw new TemplateException(at, "'" + Values.typeName(target) + "' object is not sliceable");
        };
        int n = items.size();
        long lo, hi;
        if (st > 0) {
            lo = start instanceof None ? 0 : clamp(asLong(at, start, "slice start"), n, 0, n);
            hi = stop instanceof None ? n : clamp(asLong(at, stop, "slice stop"), n, 0, n);
        } else {
            lo = start instanceof None ? n - 1 : clamp(asLong(at, start, "slice start"), n, -1, n - 1);
            hi = stop instanceof None ? -1 : clamp(asLong(at, stop, "slice stop"), n, -1, n - 1);
        }
        List<Object> out = new ArrayList<>();
        for (long i = lo; st > 0 ? i < hi : i > hi; i += st) out.add(items.get((int) i));
        if (target instanceof String) {
            StringBuilder sb = new StringBuilder();
            for (Object o : out) sb.append((String) o);
            return sb.toString();
        }
        return out;
    }

    private static long clamp(long i, int n, long min, long max) {
        if (i < 0) i += n;
        return Math.max(min, Math.min(max, i));
    }

    static long asLong(Position at, Object v, String what) {
        return switch (v) {
            case Long l -> l;
            case Boolean b -> b ? 1 : 0;
            default -> throw new TemplateException(at, what + " must be an integer, got '" + Values.typeName(v) + "'");
        };
    }
}
