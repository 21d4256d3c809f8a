package ai.glassbox.engine.tokenizer;

/**
 * The tokenizer kinds: how a fragment of plain text becomes token ids, and how a normal token's
 * piece becomes bytes again.
 */
sealed interface PieceEncoder permits SentencePieceEncoder, BytePairEncoder {
    /** Appends the ids of {@code text} (no special tokens inside) to {@code out}. */
    void encode(String text, TokenIdBuffer out);

    /** The bytes a token of attribute NORMAL stands for. */
    byte[] normalPieceBytes(String piece);
}
