package ai.glassbox.engine.tokenizer;

import java.util.Map;
import java.util.TreeSet;

/**
 * What a {@code tokenizer.ggml.pre} name means for byte-level BPE: the pre-tokenizer, whether
 * whole-word pieces bypass the merges, and whether BOS is added by default (llama.cpp's pre-type
 * table in {@code llama_vocab::impl::load}).
 */
record BpeVariant(PreTokenizer preTokenizer, boolean ignoreMerges, boolean addBosByDefault) {
    static final String PRE_KEY = "tokenizer.ggml.pre";

    private static final BpeVariant LLAMA3 = new BpeVariant(PreTokenizer.LLAMA3, true, true);
    private static final BpeVariant QWEN2 = new BpeVariant(PreTokenizer.QWEN2, false, false);
    private static final BpeVariant GPT2 = new BpeVariant(PreTokenizer.GPT2, false, false);
    private static final BpeVariant STARCODER = new BpeVariant(PreTokenizer.STARCODER, false, false);

    private static final Map<String, BpeVariant> BY_NAME = Map.ofEntries(
            Map.entry("default", new BpeVariant(PreTokenizer.DEFAULT, false, false)),
            Map.entry("llama3", LLAMA3),
            Map.entry("llama-v3", LLAMA3),
            Map.entry("llama-bpe", LLAMA3),
            Map.entry("falcon3", LLAMA3),
            Map.entry("falcon-h1", LLAMA3),
            Map.entry("pixtral", LLAMA3),
            Map.entry("dbrx", new BpeVariant(PreTokenizer.LLAMA3, false, false)),
            Map.entry("smaug-bpe", new BpeVariant(PreTokenizer.LLAMA3, false, false)),
            Map.entry("qwen2", QWEN2),
            Map.entry("deepseek-r1-qwen", QWEN2),
            Map.entry("megrez", QWEN2),
            Map.entry("stablelm2", QWEN2),
            Map.entry("gpt-2", GPT2),
            Map.entry("phi-2", GPT2),
            Map.entry("mpt", GPT2),
            Map.entry("olmo", GPT2),
            Map.entry("deepseek-llm", new BpeVariant(PreTokenizer.DEEPSEEK_LLM, false, false)),
            Map.entry("deepseek-coder", new BpeVariant(PreTokenizer.DEEPSEEK_CODER, false, false)),
            Map.entry("falcon", new BpeVariant(PreTokenizer.FALCON, false, false)),
            Map.entry("starcoder", STARCODER),
            Map.entry("refact", STARCODER),
            Map.entry("command-r", STARCODER),
            Map.entry("smollm", STARCODER),
            Map.entry("codeshell", STARCODER),
            Map.entry("exaone", STARCODER),
            Map.entry("minerva-7b", STARCODER));

    /** The variant for a {@code tokenizer.ggml.pre} value; a file without one gets llama.cpp's "default". */
    static BpeVariant named(String pre) {
        BpeVariant variant = BY_NAME.get(pre);
        if (variant == null) {
            throw new TokenizerFormatException("metadata " + PRE_KEY + " = '" + pre + "' is not a supported pre-tokenizer; supported: "
                    + String.join(", ", new TreeSet<>(BY_NAME.keySet())));
        }
        return variant;
    }
}
