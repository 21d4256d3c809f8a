package ai.glassbox.engine.chat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The global functions visible to every template: range, namespace, dict, strftime_now, raise_exception. */
final class Globals {
    private Globals() {}

    static Map<String, Object> create(LocalDate today) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("range", (Invocable) Globals::range);
        g.put("namespace", (Invocable) (at, args, kwargs) -> {
            Namespace ns = new Namespace();
            for (Object a : args) {
                if (!(a instanceof Map<?, ?> m)) throw new TemplateException(at, "namespace() takes keyword arguments or a dict");
                m.forEach((k, v) -> ns.attributes.put(Values.str(k), v));
            }
            ns.attributes.putAll(kwargs);
            return ns;
        });
        g.put("dict", (Invocable) (at, args, kwargs) -> {
            Map<Object, Object> d = new LinkedHashMap<>();
            for (Object a : args) if (a instanceof Map<?, ?> m) d.putAll(m);
            d.putAll(kwargs);
            return d;
        });
        // llama.cpp pins "now" for reproducible prompts; only the date matters to chat templates.
        g.put("strftime_now", (Invocable) (at, args, kwargs) -> {
            if (args.isEmpty() || !(args.getFirst() instanceof String fmt)) {
                throw new TemplateException(at, "strftime_now() needs a format string");
            }
            return Strftime.format(at, today.atStartOfDay(), fmt);
        });
        g.put("raise_exception", (Invocable) (at, args, kwargs) -> {
            throw new TemplateRaisedException(at, args.isEmpty() ? "" : Values.str(args.getFirst()));
        });
        return g;
    }

    private static Object range(Position at, List<Object> args, Map<String, Object> kwargs) {
        long start = 0, stop, step = 1;
        switch (args.size()) {
            case 1 -> stop = Access.asLong(at, args.get(0), "range stop");
            case 2, 3 -> {
                start = Access.asLong(at, args.get(0), "range start");
                stop = Access.asLong(at, args.get(1), "range stop");
                if (args.size() == 3) step = Access.asLong(at, args.get(2), "range step");
            }
            default -> throw new TemplateException(at, "range() takes 1 to 3 arguments, got " + args.size());
        }
        if (step == 0) throw new TemplateException(at, "range() step must not be zero");
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) out.add(i);
        return out;
    }
}
