package ai.glassbox.engine.chat;

import java.util.List;

/** The {@code loop} variable inside a {@code for} body; immutable per iteration. */
record LoopInfo(List<Object> items, int index0) {
    int length() {
        return items.size();
    }

    /** Looks up {@code loop.<name>}; unknown names are undefined, as in Jinja2. */
    Object attribute(String name) {
        int n = items.size();
        return switch (name) {
            case "index" -> (long) index0 + 1;
            case "index0" -> (long) index0;
            case "revindex" -> (long) (n - index0);
            case "revindex0" -> (long) (n - index0 - 1);
            case "first" -> index0 == 0;
            case "last" -> index0 == n - 1;
            case "length" -> (long) n;
            case "depth" -> 1L;
            case "depth0" -> 0L;
            case "previtem" -> index0 > 0 ? items.get(index0 - 1) : new Undefined("loop.previtem");
            case "nextitem" -> index0 < n - 1 ? items.get(index0 + 1) : new Undefined("loop.nextitem");
            case "cycle" -> (Invocable) (at, args, kwargs) -> {
                if (args.isEmpty()) throw new TemplateException(at, "loop.cycle needs at least one value");
                return args.get(index0 % args.size());
            };
            default -> new Undefined("loop." + name);
        };
    }
}
