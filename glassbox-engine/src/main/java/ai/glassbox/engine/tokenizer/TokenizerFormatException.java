package ai.glassbox.engine.tokenizer;

/**
 * The tokenizer metadata of a GGUF file is missing, malformed or names something this engine does
 * not support. The message names the metadata key at fault.
 */
public final class TokenizerFormatException extends RuntimeException {
    public TokenizerFormatException(String message) {
        super(message);
    }
}
