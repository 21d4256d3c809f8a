package ai.glassbox.engine.tokenizer;

/**
 * The ids of the vocabulary's named special tokens; {@link #NONE} where the vocabulary has none
 * (llama.cpp's {@code LLAMA_TOKEN_NULL}).
 */
record SpecialTokenIds(int bos, int eos, int eot, int eom, int unk, int pad, int fimPad, int fimRep, int fimSep) {
    static final int NONE = -1;
}
