package ai.glassbox.engine.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Executes statements, appending rendered text to a buffer. */
final class Interpreter {
    /** How a statement list finished: normally, or by {@code break}/{@code continue} inside a loop. */
    private enum Flow {
        NORMAL,
        BREAK,
        CONTINUE
    }

    /** Python's default recursion limit is 1000 frames; a template macro uses several per call. */
    private static final int MAX_MACRO_DEPTH = 200;

    private final Evaluator evaluator = new Evaluator();
    private int macroDepth;

    String render(List<Node> nodes, Scope scope) {
        StringBuilder out = new StringBuilder();
        Flow flow = exec(nodes, scope, out);
        if (flow != Flow.NORMAL) throw new TemplateException(new Position(1, 1), "'break' or 'continue' outside a loop");
        return out.toString();
    }

    private Flow exec(List<Node> nodes, Scope scope, StringBuilder out) {
        for (Node node : nodes) {
            Flow flow = exec(node, scope, out);
            if (flow != Flow.NORMAL) return flow;
        }
        return Flow.NORMAL;
    }

    private Flow exec(Node node, Scope scope, StringBuilder out) {
        switch (node) {
            case Node.Text t -> out.append(t.text());
            case Node.Output o -> out.append(Values.str(evaluator.eval(o.value(), scope)));
            case Node.If i -> {
                for (Node.Branch b : i.branches()) {
                    if (Values.truthy(evaluator.eval(b.condition(), scope))) return exec(b.body(), scope, out);
                }
                return exec(i.otherwise(), scope, out);
            }
            case Node.For f -> loop(f, scope, out);
            case Node.Set s -> assign(s.at(), s.targets(), evaluator.eval(s.value(), scope), scope);
            case Node.SetAttr s -> {
                Object target = scope.lookup(s.object());
                if (!(target instanceof Namespace ns)) {
                    throw new TemplateException(s.at(), "cannot set attribute '" + s.attribute() + "' on '" + s.object()
                            + "', which is not a namespace");
                }
                ns.attributes.put(s.attribute(), evaluator.eval(s.value(), scope));
            }
            case Node.SetBlock s -> scope.set(s.name(), capture(s.body(), scope));
            case Node.Macro m -> scope.set(m.name(), macro(m, scope));
            case Node.CallBlock c -> {
                Invocable caller = (at, args, kwargs) -> {
                    Scope inner = scope.child();
                    for (int k = 0; k < c.callerParams().size(); k++) {
                        inner.set(c.callerParams().get(k), k < args.size() ? args.get(k) : new Undefined(c.callerParams().get(k)));
                    }
                    return capture(c.body(), inner);
                };
                Object callee = evaluator.eval(c.call().callee(), scope);
                List<Object> args = evaluator.evalAll(c.call().args(), scope);
                Map<String, Object> kwargs = evaluator.evalKwargs(c.call().kwargs(), scope);
                kwargs.put("caller", caller);
                out.append(Values.str(evaluator.invoke(c.at(), callee, args, kwargs, "call block")));
            }
            case Node.FilterBlock f -> {
                Scope inner = scope.child();
                inner.set("caller", capture(f.body(), scope));
                out.append(Values.str(evaluator.eval(f.filter(), inner)));
            }
            case Node.Break b -> {
                return Flow.BREAK;
            }
            case Node.Continue c -> {
                return Flow.CONTINUE;
            }
            case Node.Do d -> evaluator.eval(d.value(), scope);
        }
        return Flow.NORMAL;
    }

    private String capture(List<Node> body, Scope scope) {
        StringBuilder sb = new StringBuilder();
        exec(body, scope, sb);
        return sb.toString();
    }

    private void loop(Node.For f, Scope scope, StringBuilder out) {
        List<Object> items = new ArrayList<>();
        for (Object item : Values.iterate(f.iterable().at(), evaluator.eval(f.iterable(), scope))) {
            Scope probe = scope.child();
            assign(f.at(), f.targets(), item, probe);
            if (Values.truthy(evaluator.eval(f.filter(), probe))) items.add(item);
        }
        if (items.isEmpty()) {
            exec(f.otherwise(), scope, out);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            Scope body = scope.child();
            body.set("loop", new LoopInfo(items, i));
            assign(f.at(), f.targets(), items.get(i), body);
            if (exec(f.body(), body, out) == Flow.BREAK) break;
        }
    }

    private static void assign(Position at, List<String> targets, Object value, Scope scope) {
        if (targets.size() == 1) {
            scope.set(targets.getFirst(), value);
            return;
        }
        List<Object> parts = switch (value) {
            case List<?> l -> new ArrayList<>(l);
            case String s -> Values.iterate(at, s);
            default -> throw new TemplateException(at, "cannot unpack '" + Values.typeName(value) + "' into " + targets);
        };
        if (parts.size() != targets.size()) {
            throw new TemplateException(at, "cannot unpack " + parts.size() + " values into " + targets.size() + " names " + targets);
        }
        for (int i = 0; i < targets.size(); i++) scope.set(targets.get(i), parts.get(i));
    }

    private Invocable macro(Node.Macro m, Scope defining) {
        return (at, args, kwargs) -> {
            int n = m.params().size();
            if (args.size() > n) throw new TemplateException(at, "macro '" + m.name() + "' takes " + n + " arguments, got " + args.size());
            Scope inner = defining.child();
            int firstDefault = n - m.defaults().size();
            Map<String, Object> remaining = new LinkedHashMap<>(kwargs);
            for (int i = 0; i < n; i++) {
                String p = m.params().get(i);
                Object v;
                if (i < args.size()) v = args.get(i);
                else if (remaining.containsKey(p)) v = remaining.remove(p);
                else if (i >= firstDefault) v = evaluator.eval(m.defaults().get(i - firstDefault), inner);
                else v = new Undefined(p);
                inner.set(p, v);
            }
            if (remaining.containsKey("caller")) inner.set("caller", remaining.remove("caller"));
            inner.set("varargs", new ArrayList<>(args.subList(Math.min(n, args.size()), args.size())));
            inner.set("kwargs", new LinkedHashMap<Object, Object>(remaining));
            if (++macroDepth > MAX_MACRO_DEPTH) {
                macroDepth = 0;
                throw new TemplateException(at, "macro '" + m.name() + "' recursed deeper than " + MAX_MACRO_DEPTH + " calls");
            }
            try {
                return capture(m.body(), inner);
            } finally {
                macroDepth = Math.max(0, macroDepth - 1);
            }
        };
    }
}
