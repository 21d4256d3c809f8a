package ai.glassbox.engine.chat;

/**
 * One lexical unit of a template.
 *
 * @param kind what the token is
 * @param text the raw text: a name, an operator, the decoded value of a string literal, or the
 *     literal text of a {@link Kind#TEXT} run
 * @param at where the token starts in the source
 */
record Token(Kind kind, String text, Position at) {
    enum Kind {
        TEXT,
        OUTPUT_BEGIN,
        OUTPUT_END,
        BLOCK_BEGIN,
        BLOCK_END,
        NAME,
        STRING,
        INTEGER,
        FLOAT,
        OPERATOR,
        EOF
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOperator(String t) {
        return is(Kind.OPERATOR, t);
    }

    boolean isName(String t) {
        return is(Kind.NAME, t);
    }
}
