package ai.glassbox.engine.chat;

import ai.glassbox.engine.chat.Expr.Call;
import ai.glassbox.engine.chat.Expr.Filter;
import ai.glassbox.engine.chat.Expr.Literal;
import ai.glassbox.engine.chat.Expr.Name;
import ai.glassbox.engine.chat.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds the statement tree from tokens; expressions are delegated to {@link ExpressionParser}. */
final class Parser extends ExpressionParser {
    private Parser(List<Token> tokens) {
        super(tokens);
    }

    static List<Node> parse(List<Token> tokens) {
        Parser p = new Parser(tokens);
        List<Node> body = p.body(Set.of());
        if (p.peek().kind() != Kind.EOF) throw p.error(p.peek(), "unexpected tag");
        return body;
    }

    /** Parses nodes until a block tag whose keyword is in {@code terminators} (left unconsumed) or EOF. */
    private List<Node> body(Set<String> terminators) {
        List<Node> nodes = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case EOF -> {
                    if (!terminators.isEmpty()) {
                        throw new TemplateException(t.at(), "unexpected end of template, expected one of "
                                + terminators.stream().sorted().map(s -> "'{% " + s + " %}'").toList());
                    }
                    return nodes;
                }
                case TEXT -> nodes.add(new Node.Text(advance().at(), t.text()));
                case OUTPUT_BEGIN -> {
                    advance();
                    Expr value = expression();
                    expectEnd(Kind.OUTPUT_END);
                    nodes.add(new Node.Output(t.at(), value));
                }
                case BLOCK_BEGIN -> {
                    Token keyword = peekAhead(1);
                    if (keyword.kind() == Kind.NAME && terminators.contains(keyword.text())) return nodes;
                    advance();
                    nodes.add(statement(t));
                }
                default -> throw error(t, "unexpected token");
            }
        }
    }

    private void expectEnd(Kind end) {
        if (peek().kind() != end) throw error(peek(), end == Kind.BLOCK_END ? "expected '%}'" : "expected '}}'");
        advance();
    }

    /** Consumes {@code {% keyword %}} that closes a block. */
    private void closing(String keyword) {
        advance();
        if (!acceptName(keyword)) throw error(peek(), "expected '" + keyword + "'");
        expectEnd(Kind.BLOCK_END);
    }

    private Node statement(Token open) {
        Token keyword = advance();
        if (keyword.kind() != Kind.NAME) throw error(keyword, "expected a statement keyword");
        Position at = open.at();
        return switch (keyword.text()) {
            case "if" -> ifStatement(at);
            case "for" -> forStatement(at);
            case "set" -> setStatement(at);
            case "macro" -> macro(at);
            case "call" -> callBlock(at);
            case "filter" -> filterBlock(at);
            case "break" -> {
                expectEnd(Kind.BLOCK_END);
                yield new Node.Break(at);
            }
            case "continue" -> {
                expectEnd(Kind.BLOCK_END);
                yield new Node.Continue(at);
            }
            case "do" -> {
                Expr value = expression();
                expectEnd(Kind.BLOCK_END);
                yield new Node.Do(at, value);
            }
            default -> throw new TemplateException(keyword.at(), "unknown statement '" + keyword.text() + "'");
        };
    }

    private Node ifStatement(Position at) {
        List<Node.Branch> branches = new ArrayList<>();
        Expr condition = expression();
        expectEnd(Kind.BLOCK_END);
        Set<String> ends = Set.of("elif", "else", "endif");
        branches.add(new Node.Branch(condition, body(ends)));
        List<Node> otherwise = List.of();
        while (true) {
            advance();
            String kw = advance().text();
            if (kw.equals("elif")) {
                Expr c = expression();
                expectEnd(Kind.BLOCK_END);
                branches.add(new Node.Branch(c, body(ends)));
            } else if (kw.equals("else")) {
                expectEnd(Kind.BLOCK_END);
                otherwise = body(Set.of("endif"));
                closing("endif");
                break;
            } else {
                expectEnd(Kind.BLOCK_END);
                break;
            }
        }
        return new Node.If(at, branches, otherwise);
    }

    private Node forStatement(Position at) {
        List<String> targets = new ArrayList<>();
        boolean paren = acceptOperator("(");
        do targets.add(expectName());
        while (acceptOperator(","));
        if (paren) expectOperator(")");
        if (!acceptName("in")) throw error(peek(), "expected 'in' in for loop");
        // The iterable stops before a loop filter's 'if', so parse below the conditional level.
        Expr iterable = iterable();
        Expr filter = new Literal(at, Boolean.TRUE);
        if (acceptName("if")) filter = expression();
        if (acceptName("recursive")) throw new TemplateException(at, "recursive for loops are not supported");
        expectEnd(Kind.BLOCK_END);
        List<Node> body = body(Set.of("else", "endfor"));
        List<Node> otherwise = List.of();
        if (peekAhead(1).isName("else")) {
            closing("else");
            otherwise = body(Set.of("endfor"));
        }
        closing("endfor");
        return new Node.For(at, List.copyOf(targets), iterable, filter, body, otherwise);
    }

    /** An expression without a trailing {@code if}, as a for loop's iterable. */
    private Expr iterable() {
        int save = index;
        Expr e = expression();
        if (e instanceof Expr.Conditional c && peek().kind() == Kind.BLOCK_END) {
            // "for x in xs if cond": re-read so that the 'if' becomes the loop filter.
            index = save;
            int depth = 0;
            List<Token> upToIf = new ArrayList<>();
            while (!(depth == 0 && peek().isName("if"))) {
                Token t = advance();
                if (t.isOperator("(") || t.isOperator("[") || t.isOperator("{")) depth++;
                if (t.isOperator(")") || t.isOperator("]") || t.isOperator("}")) depth--;
                upToIf.add(t);
            }
            upToIf.add(new Token(Kind.EOF, "", c.at()));
            return new ExpressionParser(upToIf).expression();
        }
        return e;
    }

    private Node setStatement(Position at) {
        String first = expectName();
        if (acceptOperator(".")) {
            String attribute = expectName();
            expectOperator("=");
            Expr value = tupleOrExpression();
            expectEnd(Kind.BLOCK_END);
            return new Node.SetAttr(at, first, attribute, value);
        }
        List<String> targets = new ArrayList<>(List.of(first));
        while (acceptOperator(",")) targets.add(expectName());
        if (peek().kind() == Kind.BLOCK_END && targets.size() == 1) {
            advance();
            List<Node> body = body(Set.of("endset"));
            closing("endset");
            return new Node.SetBlock(at, first, body);
        }
        expectOperator("=");
        Expr value = tupleOrExpression();
        expectEnd(Kind.BLOCK_END);
        return new Node.Set(at, List.copyOf(targets), value);
    }

    private Node macro(Position at) {
        String name = expectName();
        expectOperator("(");
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        while (!acceptOperator(")")) {
            if (!params.isEmpty()) expectOperator(",");
            params.add(expectName());
            if (acceptOperator("=")) defaults.add(expression());
            else if (!defaults.isEmpty()) throw error(peek(), "parameter without default follows one with a default");
        }
        expectEnd(Kind.BLOCK_END);
        List<Node> body = body(Set.of("endmacro"));
        closing("endmacro");
        return new Node.Macro(at, name, List.copyOf(params), List.copyOf(defaults), body);
    }

    private Node callBlock(Position at) {
        List<String> callerParams = new ArrayList<>();
        if (acceptOperator("(")) {
            while (!acceptOperator(")")) {
                if (!callerParams.isEmpty()) expectOperator(",");
                callerParams.add(expectName());
            }
        }
        Expr call = expression();
        if (!(call instanceof Call c)) throw new TemplateException(call.at(), "'call' needs a macro call");
        expectEnd(Kind.BLOCK_END);
        List<Node> body = body(Set.of("endcall"));
        closing("endcall");
        return new Node.CallBlock(at, c, List.copyOf(callerParams), body);
    }

    private Node filterBlock(Position at) {
        Token bar = new Token(Kind.OPERATOR, "|", at);
        Filter filter = filter(bar, new Name(at, "caller"));
        expectEnd(Kind.BLOCK_END);
        List<Node> body = body(Set.of("endfilter"));
        closing("endfilter");
        return new Node.FilterBlock(at, filter, body);
    }
}
