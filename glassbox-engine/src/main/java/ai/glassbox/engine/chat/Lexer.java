package ai.glassbox.engine.chat;

import ai.glassbox.engine.chat.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits template source into text runs and tag tokens, applying Jinja2's whitespace control as
 * Hugging Face and llama.cpp configure it: {@code trim_blocks} and {@code lstrip_blocks} on, plus the
 * per-tag {@code -} (strip) and {@code +} (keep) markers. Comments are dropped here.
 */
final class Lexer {
    private static final String[] OPERATORS = {
        "**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]", "{",
        "}", ".", ",", ":", "|"
    };

    private final String src;
    private final int[] lineStarts;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    /** Whitespace to remove from the start of the next text run: 0 none, 1 one newline, 2 all. */
    private int pendingLeftTrim;

    private Lexer(String src) {
        this.src = src;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < src.length(); i++) if (src.charAt(i) == '\n') starts.add(i + 1);
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static List<Token> tokenize(String source) {
        // Jinja2's keep_trailing_newline=False: one trailing newline of the source is dropped.
        String s = source.endsWith("\r\n")
                ? source.substring(0, source.length() - 2)
                : source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
        Lexer lexer = new Lexer(s);
        lexer.run();
        return lexer.tokens;
    }

    Position at(int index) {
        int lo = 0, hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= index) lo = mid;
            else hi = mid - 1;
        }
        return new Position(lo + 1, index - lineStarts[lo] + 1);
    }

    private void run() {
        while (pos < src.length()) {
            int tag = nextTagStart(pos);
            int textEnd = tag < 0 ? src.length() : tag;
            String text = src.substring(pos, textEnd);
            int textStart = pos;
            pos = textEnd;
            if (tag < 0) {
                addText(text, textStart, false, false);
                break;
            }
            char kind = src.charAt(tag + 1);
            char marker = tag + 2 < src.length() ? src.charAt(tag + 2) : ' ';
            boolean blockLike = kind == '%' || kind == '#';
            addText(text, textStart, marker == '-', blockLike && marker != '+');
            int inner = tag + 2 + (marker == '-' || marker == '+' ? 1 : 0);
            switch (kind) {
                case '#' -> comment(tag, inner);
                case '%' -> tag(tag, inner, Kind.BLOCK_BEGIN, Kind.BLOCK_END, '%');
                default -> tag(tag, inner, Kind.OUTPUT_BEGIN, Kind.OUTPUT_END, '}');
            }
        }
        tokens.add(new Token(Kind.EOF, "", at(src.length())));
    }

    private int nextTagStart(int from) {
        for (int i = src.indexOf('{', from); i >= 0 && i + 1 < src.length(); i = src.indexOf('{', i + 1)) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') return i;
        }
        return -1;
    }

    private void addText(String text, int start, boolean stripRight, boolean lstripBlock) {
        if (stripRight) {
            text = text.stripTrailing();
        } else if (lstripBlock) {
            // lstrip_blocks: spaces and tabs between the line start and a block tag are removed.
            int lineStart = text.lastIndexOf('\n') + 1;
            if ((lineStart > 0 || start == 0) && isBlank(text, lineStart)) text = text.substring(0, lineStart);
        }
        if (pendingLeftTrim == 2) text = text.stripLeading();
        else if (pendingLeftTrim == 1 && text.startsWith("\n")) text = text.substring(1);
        else if (pendingLeftTrim == 1 && text.startsWith("\r\n")) text = text.substring(2);
        pendingLeftTrim = 0;
        if (!text.isEmpty()) tokens.add(new Token(Kind.TEXT, text, at(start)));
    }

    private static boolean isBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) if (s.charAt(i) != ' ' && s.charAt(i) != '\t') return false;
        return true;
    }

    private void comment(int tag, int inner) {
        int end = src.indexOf("#}", inner);
        if (end < 0) throw new TemplateException(at(tag), "unclosed comment, expected '#}'");
        boolean strip = src.charAt(end - 1) == '-' && end - 1 >= inner;
        boolean keep = src.charAt(end - 1) == '+' && end - 1 >= inner;
        pos = end + 2;
        pendingLeftTrim = strip ? 2 : keep ? 0 : 1;
    }

    private void tag(int tag, int inner, Kind begin, Kind end, char closer) {
        tokens.add(new Token(begin, src.substring(tag, tag + 2), at(tag)));
        pos = inner;
        int depth = 0;
        while (true) {
            skipSpaces();
            if (pos >= src.length()) {
                String expected = closer == '%' ? "'%}'" : "'}}'";
                throw new TemplateException(at(tag), "unclosed tag, expected " + expected + " before end of template");
            }
            int close = closeLength(closer, depth);
            if (close > 0) {
                char marker = src.charAt(pos);
                tokens.add(new Token(end, src.substring(pos, pos + close), at(pos)));
                pos += close;
                pendingLeftTrim = marker == '-' ? 2 : (closer == '%' && marker != '+') ? 1 : 0;
                return;
            }
            Token t = next();
            if (t.isOperator("{") || t.isOperator("[") || t.isOperator("(")) depth++;
            if (t.isOperator("}") || t.isOperator("]") || t.isOperator(")")) depth--;
            tokens.add(t);
        }
    }

    /** Length of the tag closer at the cursor, or 0 if the cursor is not at one. */
    private int closeLength(char closer, int depth) {
        String plain = closer + "}";
        if (src.startsWith(plain, pos) && (closer == '%' || depth <= 0)) return 2;
        if ((src.startsWith("-" + plain, pos) || src.startsWith("+" + plain, pos))
                && (closer == '%' || depth <= 0)) return 3;
        return 0;
    }

    private void skipSpaces() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
    }

    private Token next() {
        int start = pos;
        char c = src.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
            return new Token(Kind.NAME, src.substring(start, pos), at(start));
        }
        if (Character.isDigit(c)) return number(start);
        if (c == '\'' || c == '"') return string(start, c);
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Kind.OPERATOR, op, at(start));
            }
        }
        throw new TemplateException(at(start), "unexpected character '" + c + "' in tag");
    }

    private Token number(int start) {
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
        boolean isFloat = false;
        if (pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
            isFloat = true;
            pos++;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) pos++;
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                isFloat = true;
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
            } else {
                pos = save;
            }
        }
        String text = src.substring(start, pos).replace("_", "");
        return new Token(isFloat ? Kind.FLOAT : Kind.INTEGER, text, at(start));
    }

    private Token string(int start, char quote) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length()) throw new TemplateException(at(start), "unterminated string literal");
            char c = src.charAt(pos++);
            if (c == quote) break;
            if (c != '\\' || pos >= src.length()) {
                sb.append(c);
                continue;
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '0' -> sb.append('\0');
                case '\\', '\'', '"' -> sb.append(e);
                case 'x' -> sb.append(hex(start, 2));
                case 'u' -> sb.append(hex(start, 4));
                case 'U' -> sb.appendCodePoint(Integer.parseInt(hex(start, 8), 16));
                // Python keeps unknown escapes verbatim, backslash included.
                default -> sb.append('\\').append(e);
            }
        }
        return new Token(Kind.STRING, sb.toString(), at(start));
    }

    private String hex(int start, int digits) {
        if (pos + digits > src.length()) throw new TemplateException(at(start), "truncated escape in string literal");
        String h = src.substring(pos, pos + digits);
        pos += digits;
        try {
            int cp = Integer.parseInt(h, 16);
            return digits == 8 ? h : new String(Character.toChars(cp));
        } catch (NumberFormatException e) {
            throw new TemplateException(at(start), "bad escape '\\" + h + "' in string literal");
        }
    }
}
