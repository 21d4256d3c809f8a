package ai.glassbox.engine.tokenizer;

/**
 * Token attribute bits, llama.cpp's {@code llama_token_attr}. They are bits rather than an enum
 * because llama.cpp adds attributes to a token's GGUF type (an end-of-turn token typed
 * user-defined also becomes control), and the combination decides how the token is split out of
 * text and rendered.
 */
final class TokenAttributes {
    static final int UNDEFINED = 0;
    static final int UNKNOWN = 1;
    static final int UNUSED = 1 << 1;
    static final int NORMAL = 1 << 2;
    static final int CONTROL = 1 << 3;
    static final int USER_DEFINED = 1 << 4;
    static final int BYTE = 1 << 5;

    private TokenAttributes() {}

    /** Maps a {@code tokenizer.ggml.token_type} value (llama.cpp's {@code llama_token_type}). */
    static int fromTokenType(int tokenType) {
        return switch (tokenType) {
            case 1 -> NORMAL;
            case 2 -> UNKNOWN;
            case 3 -> CONTROL;
            case 4 -> USER_DEFINED;
            case 5 -> UNUSED;
            case 6 -> BYTE;
            default -> UNDEFINED;
        };
    }

    static boolean has(int attributes, int bits) {
        return (attributes & bits) != 0;
    }
}
