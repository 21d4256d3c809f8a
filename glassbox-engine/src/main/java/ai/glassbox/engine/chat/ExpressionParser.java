package ai.glassbox.engine.chat;

import ai.glassbox.engine.chat.Expr.*;
import ai.glassbox.engine.chat.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for expressions, with Jinja2's precedence from loosest to tightest:
 * conditional, {@code or}, {@code and}, {@code not}, comparison, {@code + -}, {@code ~},
 * {@code * / // %}, {@code **}, unary sign, then postfix access, filters and tests.
 */
class ExpressionParser {
    private static final List<String> COMPARISONS = List.of("==", "!=", "<", "<=", ">", ">=");

    protected final List<Token> tokens;
    protected int index;

    ExpressionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    protected Token peek() {
        return tokens.get(index);
    }

    protected Token peekAhead(int n) {
        return tokens.get(Math.min(index + n, tokens.size() - 1));
    }

    protected Token advance() {
        Token t = tokens.get(index);
        if (t.kind() != Kind.EOF) index++;
        return t;
    }

    protected boolean acceptOperator(String op) {
        if (!peek().isOperator(op)) return false;
        index++;
        return true;
    }

    protected boolean acceptName(String name) {
        if (!peek().isName(name)) return false;
        index++;
        return true;
    }

    protected Token expectOperator(String op) {
        if (!peek().isOperator(op)) throw error(peek(), "expected '" + op + "'");
        return advance();
    }

    protected String expectName() {
        if (peek().kind() != Kind.NAME) throw error(peek(), "expected a name");
        return advance().text();
    }

    protected TemplateException error(Token t, String what) {
        String found = switch (t.kind()) {
            case EOF -> "end of template";
            case BLOCK_END, OUTPUT_END -> "end of tag '" + t.text() + "'";
            case TEXT -> "text";
            default -> "'" + t.text() + "'";
        };
        return new TemplateException(t.at(), what + ", found " + found);
    }

    Expr expression() {
        Expr value = or();
        while (peek().isName("if")) {
            Token t = advance();
            Expr condition = or();
            Expr otherwise = acceptName("else") ? or() : new Literal(t.at(), new Undefined("conditional without else"));
            value = new Conditional(t.at(), condition, value, otherwise);
        }
        return value;
    }

    /** An expression, or a bare tuple {@code a, b} as allowed after {@code set x =} and in {@code for}. */
    Expr tupleOrExpression() {
        Position at = peek().at();
        Expr first = expression();
        if (!peek().isOperator(",")) return first;
        List<Expr> items = new ArrayList<>(List.of(first));
        while (acceptOperator(",")) items.add(expression());
        return new TupleExpr(at, items);
    }

    private Expr or() {
        Expr left = and();
        while (peek().isName("or")) left = new Logical(advance().at(), false, left, and());
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().isName("and")) left = new Logical(advance().at(), true, left, not());
        return left;
    }

    private Expr not() {
        if (peek().isName("not")) {
            Token t = advance();
            return new Unary(t.at(), "not", not());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = math1();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.OPERATOR && COMPARISONS.contains(t.text())) {
                advance();
                left = new Binary(t.at(), t.text(), left, math1());
            } else if (t.isName("in")) {
                advance();
                left = new Binary(t.at(), "in", left, math1());
            } else if (t.isName("not") && peekAhead(1).isName("in")) {
                advance();
                advance();
                left = new Binary(t.at(), "not in", left, math1());
            } else {
                return left;
            }
        }
    }

    private Expr math1() {
        Expr left = concat();
        while (peek().isOperator("+") || peek().isOperator("-")) {
            Token t = advance();
            left = new Binary(t.at(), t.text(), left, concat());
        }
        return left;
    }

    private Expr concat() {
        Expr left = math2();
        while (peek().isOperator("~")) left = new Binary(advance().at(), "~", left, math2());
        return left;
    }

    private Expr math2() {
        Expr left = pow();
        while (peek().isOperator("*") || peek().isOperator("/") || peek().isOperator("//") || peek().isOperator("%")) {
            Token t = advance();
            left = new Binary(t.at(), t.text(), left, pow());
        }
        return left;
    }

    private Expr pow() {
        Expr left = unary(true);
        while (peek().isOperator("**")) left = new Binary(advance().at(), "**", left, unary(true));
        return left;
    }

    private Expr unary(boolean withFilters) {
        Token t = peek();
        Expr node;
        if (t.isOperator("-") || t.isOperator("+")) {
            advance();
            node = new Unary(t.at(), t.text(), unary(false));
        } else {
            node = postfix(primary());
        }
        return withFilters ? filters(node) : node;
    }

    private Expr primary() {
        Token t = advance();
        return switch (t.kind()) {
            case STRING -> {
                // Adjacent string literals concatenate, as in Python.
                StringBuilder sb = new StringBuilder(t.text());
                while (peek().kind() == Kind.STRING) sb.append(advance().text());
                yield new Literal(t.at(), sb.toString());
            }
            case INTEGER -> new Literal(t.at(), parseLong(t));
            case FLOAT -> new Literal(t.at(), Double.parseDouble(t.text()));
            case NAME -> switch (t.text()) {
                case "true", "True" -> new Literal(t.at(), Boolean.TRUE);
                case "false", "False" -> new Literal(t.at(), Boolean.FALSE);
                case "none", "None" -> new Literal(t.at(), None.NONE);
                default -> new Name(t.at(), t.text());
            };
            case OPERATOR -> switch (t.text()) {
                case "(" -> parenthesized(t);
                case "[" -> new ListExpr(t.at(), sequence("]"));
                case "{" -> dict(t);
                default -> throw error(t, "expected an expression");
            };
            default -> throw error(t, "expected an expression");
        };
    }

    private static Long parseLong(Token t) {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw new TemplateException(t.at(), "integer literal out of range: " + t.text());
        }
    }

    private Expr parenthesized(Token open) {
        if (acceptOperator(")")) return new TupleExpr(open.at(), List.of());
        Expr first = expression();
        if (acceptOperator(")")) return first;
        List<Expr> items = new ArrayList<>(List.of(first));
        while (acceptOperator(",")) {
            if (peek().isOperator(")")) break;
            items.add(expression());
        }
        expectOperator(")");
        return new TupleExpr(open.at(), items);
    }

    private List<Expr> sequence(String close) {
        List<Expr> items = new ArrayList<>();
        while (!acceptOperator(close)) {
            if (!items.isEmpty()) {
                expectOperator(",");
                if (acceptOperator(close)) break;
            }
            items.add(expression());
        }
        return items;
    }

    private Expr dict(Token open) {
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!acceptOperator("}")) {
            if (!keys.isEmpty()) {
                expectOperator(",");
                if (acceptOperator("}")) break;
            }
            keys.add(expression());
            expectOperator(":");
            values.add(expression());
        }
        return new DictExpr(open.at(), keys, values);
    }

    private Expr postfix(Expr node) {
        while (true) {
            Token t = peek();
            if (t.isOperator(".")) {
                advance();
                Token name = advance();
                if (name.kind() != Kind.NAME && name.kind() != Kind.INTEGER) throw error(name, "expected an attribute name");
                node = name.kind() == Kind.INTEGER
                        ? new GetItem(t.at(), node, new Literal(name.at(), parseLong(name)))
                        : new GetAttr(t.at(), node, name.text());
            } else if (t.isOperator("[")) {
                advance();
                node = subscript(t, node);
            } else if (t.isOperator("(")) {
                advance();
                node = call(t, node);
            } else {
                return node;
            }
        }
    }

    private Expr subscript(Token open, Expr target) {
        Expr none = new Literal(open.at(), None.NONE);
        Expr start = peek().isOperator(":") ? none : expression();
        if (acceptOperator("]")) return new GetItem(open.at(), target, start);
        expectOperator(":");
        Expr stop = peek().isOperator(":") || peek().isOperator("]") ? none : expression();
        Expr step = none;
        if (acceptOperator(":") && !peek().isOperator("]")) step = expression();
        expectOperator("]");
        return new Slice(open.at(), target, start, stop, step);
    }

    private Call call(Token open, Expr callee) {
        List<Expr> args = new ArrayList<>();
        Map<String, Expr> kwargs = new LinkedHashMap<>();
        while (!acceptOperator(")")) {
            if (!args.isEmpty() || !kwargs.isEmpty()) {
                expectOperator(",");
                if (acceptOperator(")")) break;
            }
            if (peek().kind() == Kind.NAME && peekAhead(1).isOperator("=")) {
                String name = advance().text();
                advance();
                kwargs.put(name, expression());
            } else {
                args.add(expression());
            }
        }
        return new Call(open.at(), callee, args, kwargs);
    }

    private Expr filters(Expr node) {
        while (true) {
            Token t = peek();
            if (t.isOperator("|")) {
                advance();
                node = filter(t, node);
            } else if (t.isName("is")) {
                advance();
                boolean negated = acceptName("not");
                String name = peek().kind() == Kind.NAME ? expectName() : testOperatorName();
                List<Expr> args = List.of();
                if (acceptOperator("(")) args = call(t, node).args();
                else if (startsTestArgument(peek())) args = List.of(unary(false));
                node = new Test(t.at(), node, name, args, negated);
            } else {
                return node;
            }
        }
    }

    /** Tests spelled as operators, e.g. {@code x is == 1}, are rare but legal; `==` is `eq`. */
    private String testOperatorName() {
        Token t = advance();
        if (t.isOperator("==")) return "eq";
        throw error(t, "expected a test name after 'is'");
    }

    private static boolean startsTestArgument(Token t) {
        return switch (t.kind()) {
            case STRING, INTEGER, FLOAT -> true;
            case NAME -> !List.of("and", "or", "else", "if", "not", "in", "is").contains(t.text());
            default -> false;
        };
    }

    Filter filter(Token bar, Expr target) {
        String name = expectName();
        while (acceptOperator(".")) name = name + "." + expectName();
        if (acceptOperator("(")) {
            Call c = call(bar, target);
            return new Filter(bar.at(), target, name, c.args(), c.kwargs());
        }
        return new Filter(bar.at(), target, name, List.of(), Map.of());
    }
}
