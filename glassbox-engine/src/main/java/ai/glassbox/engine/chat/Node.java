package ai.glassbox.engine.chat;

import java.util.List;

/** A statement of the template language: text, output, or a control structure with a body. */
sealed interface Node {
    Position at();

    record Text(Position at, String text) implements Node {}

    record Output(Position at, Expr value) implements Node {}

    record Branch(Expr condition, List<Node> body) {}

    record If(Position at, List<Branch> branches, List<Node> otherwise) implements Node {}

    /** {@code for targets in iterable [if filter]}; {@code otherwise} runs when nothing was iterated. */
    record For(Position at, List<String> targets, Expr iterable, Expr filter, List<Node> body, List<Node> otherwise)
            implements Node {}

    /** {@code set a = x} or {@code set a, b = x}. */
    record Set(Position at, List<String> targets, Expr value) implements Node {}

    /** {@code set ns.attr = x} on a namespace object. */
    record SetAttr(Position at, String object, String attribute, Expr value) implements Node {}

    /** {@code set name %}…{% endset}: captures the rendered body as a string. */
    record SetBlock(Position at, String name, List<Node> body) implements Node {}

    /** {@code macro name(params)}; {@code defaults} holds the trailing parameters' default values. */
    record Macro(Position at, String name, List<String> params, List<Expr> defaults, List<Node> body) implements Node {}

    /** {@code call macro(args)}…{% endcall}: the body is available to the macro as {@code caller()}. */
    record CallBlock(Position at, Expr.Call call, List<String> callerParams, List<Node> body) implements Node {}

    /** {@code filter name(args)}…{% endfilter}: applies a filter to the rendered body. */
    record FilterBlock(Position at, Expr.Filter filter, List<Node> body) implements Node {}

    record Break(Position at) implements Node {}

    record Continue(Position at) implements Node {}

    /** {@code do expr}: evaluates for side effects, such as {@code list.append}. */
    record Do(Position at, Expr value) implements Node {}
}
