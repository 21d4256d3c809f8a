package ai.glassbox.engine.chat;

import java.util.List;
import java.util.Map;

/** An expression of the template language; every variant knows where it starts in the source. */
sealed interface Expr {
    Position at();

    /** A constant: string, integer ({@code Long}), float ({@code Double}), boolean, none or undefined. */
    record Literal(Position at, Object value) implements Expr {}

    record Name(Position at, String name) implements Expr {}

    record ListExpr(Position at, List<Expr> items) implements Expr {}

    record TupleExpr(Position at, List<Expr> items) implements Expr {}

    record DictExpr(Position at, List<Expr> keys, List<Expr> values) implements Expr {}

    /** {@code target.name}. */
    record GetAttr(Position at, Expr target, String name) implements Expr {}

    /** {@code target[index]}. */
    record GetItem(Position at, Expr target, Expr index) implements Expr {}

    /** {@code target[start:stop:step]}; absent bounds are none literals. */
    record Slice(Position at, Expr target, Expr start, Expr stop, Expr step) implements Expr {}

    record Call(Position at, Expr callee, List<Expr> args, Map<String, Expr> kwargs) implements Expr {}

    /** {@code target | name(args)}. */
    record Filter(Position at, Expr target, String name, List<Expr> args, Map<String, Expr> kwargs) implements Expr {}

    /** {@code target is [not] name(args)}. */
    record Test(Position at, Expr target, String name, List<Expr> args, boolean negated) implements Expr {}

    /** {@code not x}, {@code -x}, {@code +x}. */
    record Unary(Position at, String op, Expr operand) implements Expr {}

    /** Arithmetic, concatenation, comparison and membership operators, named by their source text. */
    record Binary(Position at, String op, Expr left, Expr right) implements Expr {}

    /** Short-circuit {@code and} / {@code or}, returning the deciding operand as Python does. */
    record Logical(Position at, boolean isAnd, Expr left, Expr right) implements Expr {}

    /** {@code then if condition else otherwise}; a missing else is an undefined literal. */
    record Conditional(Position at, Expr condition, Expr then, Expr otherwise) implements Expr {}
}
