package ai.glassbox.engine.chat;

import java.util.HashMap;
import java.util.Map;

/**
 * A variable frame. As in Jinja2, each {@code for} iteration and each macro call gets a child frame,
 * so {@code set} inside them is not visible outside; {@code if} blocks share their parent's frame.
 */
final class Scope {
    private final Scope parent;
    private final Map<String, Object> vars = new HashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    static Scope root() {
        return new Scope(null);
    }

    Scope child() {
        return new Scope(this);
    }

    Object lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Object v = s.vars.get(name);
            if (v != null) return v;
        }
        return new Undefined(name);
    }

    void set(String name, Object value) {
        vars.put(name, value);
    }
}
