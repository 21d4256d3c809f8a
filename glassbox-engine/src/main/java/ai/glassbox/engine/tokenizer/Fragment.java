package ai.glassbox.engine.tokenizer;

/**
 * A piece of input after special tokens were split out: either text still to be tokenized or a
 * token id already decided (llama.cpp's {@code fragment_buffer_variant}).
 */
sealed interface Fragment permits Fragment.Text, Fragment.Token {
    record Text(String text) implements Fragment {}

    record Token(int id) implements Fragment {}
}
