package ai.glassbox.engine.chat;

import ai.glassbox.engine.chat.Expr.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates expressions against a scope, with Python's operator semantics. */
final class Evaluator {
    private final Filters filters = new Filters();

    Object eval(Expr e, Scope scope) {
        return switch (e) {
            case Literal l -> l.value();
            case Name n -> scope.lookup(n.name());
            case ListExpr l -> evalAll(l.items(), scope);
            case TupleExpr t -> evalAll(t.items(), scope);
            case DictExpr d -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < d.keys().size(); i++) map.put(eval(d.keys().get(i), scope), eval(d.values().get(i), scope));
                yield map;
            }
            case GetAttr g -> Access.attribute(g.at(), eval(g.target(), scope), g.name());
            case GetItem g -> Access.item(g.at(), eval(g.target(), scope), eval(g.index(), scope));
            case Slice s -> Access.slice(s.at(), eval(s.target(), scope), eval(s.start(), scope), eval(s.stop(), scope), eval(s.step(), scope));
            case Call c -> call(c, scope);
            case Filter f -> filters.apply(f.at(), f.name(), eval(f.target(), scope), evalAll(f.args(), scope), evalKwargs(f.kwargs(), scope));
            case Test t -> t.negated() != Tests.test(t.at(), t.name(), eval(t.target(), scope), evalAll(t.args(), scope));
            case Unary u -> unary(u, eval(u.operand(), scope));
            case Binary b -> Operators.binary(b.at(), b.op(), eval(b.left(), scope), eval(b.right(), scope));
            case Logical l -> {
                Object left = eval(l.left(), scope);
                yield Values.truthy(left) == l.isAnd() ? eval(l.right(), scope) : left;
            }
            case Conditional c -> Values.truthy(eval(c.condition(), scope)) ? eval(c.then(), scope) : eval(c.otherwise(), scope);
        };
    }

    List<Object> evalAll(List<Expr> exprs, Scope scope) {
        List<Object> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) out.add(eval(e, scope));
        return out;
    }

    Map<String, Object> evalKwargs(Map<String, Expr> kwargs, Scope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : kwargs.entrySet()) out.put(e.getKey(), eval(e.getValue(), scope));
        return out;
    }

    Object call(Call c, Scope scope) {
        Object callee = eval(c.callee(), scope);
        List<Object> args = evalAll(c.args(), scope);
        Map<String, Object> kwargs = evalKwargs(c.kwargs(), scope);
        return invoke(c.at(), callee, args, kwargs, describe(c.callee()));
    }

    Object invoke(Position at, Object callee, List<Object> args, Map<String, Object> kwargs, String what) {
        if (callee instanceof Invocable f) return f.invoke(at, args, kwargs);
        if (callee instanceof Undefined) throw new TemplateException(at, "'" + what + "' is undefined");
        throw new TemplateException(at, "'" + Values.typeName(callee) + "' object '" + what + "' is not callable");
    }

    private static String describe(Expr e) {
        return switch (e) {
            case Name n -> n.name();
            case GetAttr g -> describe(g.target()) + "." + g.name();
            default -> "expression";
        };
    }

    private static Object unary(Unary u, Object v) {
        return switch (u.op()) {
            case "not" -> !Values.truthy(v);
            case "-" -> switch (v) {
                case Long l -> -l;
                case Double d -> -d;
                case Boolean b -> b ? -1L : 0L;
                default -> throw new TemplateException(u.at(), "bad operand type for unary -: '" + Values.typeName(v) + "'");
            };
            default -> {
                if (!Values.isNumber(v)) throw new TemplateException(u.at(), "bad operand type for unary +: '" + Values.typeName(v) + "'");
                yield v;
            }
        };
    }
}
