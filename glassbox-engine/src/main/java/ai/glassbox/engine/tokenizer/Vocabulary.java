package ai.glassbox.engine.tokenizer;

import ai.glassbox.engine.gguf.GgufMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The token table of a GGUF file: pieces, scores, attributes, named special tokens and the
 * end-of-generation set, derived the way llama.cpp's {@code llama_vocab::impl::load} derives them.
 * Immutable after construction and safe to share between threads.
 */
final class Vocabulary {
    static final String TOKENS_KEY = "tokenizer.ggml.tokens";
    static final String SCORES_KEY = "tokenizer.ggml.scores";
    static final String TOKEN_TYPE_KEY = "tokenizer.ggml.token_type";

    /** Texts llama.cpp recognises as end of turn when {@code eot_token_id} is absent. */
    private static final Set<String> EOT_TEXTS = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
            "<|endoftext|>", "<|end_of_text|>", "<EOT>", "_<EOT>", "[EOT]", "<｜end▁of▁sentence｜>", "<end_of_utterance>");
    private static final Set<String> EOM_TEXTS = Set.of("<|eom_id|>");
    private static final Set<String> FIM_PRE_TEXTS = Set.of("<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>",
            "<｜fim▁begin｜>", "<PRE>", "▁<PRE>", "<|code_prefix|>", "<|prefix|>");
    private static final Set<String> FIM_SUF_TEXTS = Set.of("<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>",
            "<｜fim▁hole｜>", "<SUF>", "▁<SUF>", "<|code_suffix|>", "<|suffix|>");
    private static final Set<String> FIM_MID_TEXTS = Set.of("<|fim_middle|>", "<fim-middle>", "<fim_middle>",
            "<｜fim▁end｜>", "<MID>", "▁<MID>", "<|code_middle|>", "<|middle|>");
    private static final Set<String> FIM_PAD_TEXTS = Set.of("<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]");
    private static final Set<String> FIM_REP_TEXTS = Set.of("<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>");
    private static final Set<String> FIM_SEP_TEXTS = Set.of("<|file_sep|>");
    /** Texts that end generation whatever the metadata says (llama.cpp's {@code special_eog_ids} list). */
    private static final Set<String> EOG_TEXTS = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>",
            "<|flush|>", "<|calls|>", "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]",
            "[EOS]", "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>",
            "<｜end▁of▁sentence｜>", "[e~[");
    /** Tokens llama.cpp always renders as text (its gpt-oss workaround). */
    private static final Set<String> ALWAYS_RENDERED = Set.of("<|channel|>", "<|message|>", "<|start|>", "<|constrain|>");

    private final String[] pieces;
    private final float[] scores;
    private final int[] attributes;
    private final Map<String, Integer> ids;
    private final SpecialTokenIds special;
    private final Set<Integer> endOfGeneration;
    private final int[] splittableTokens;

    Vocabulary(GgufMetadata md, SpecialTokenIds defaults) {
        String[] tokens = md.strings(TOKENS_KEY).orElseThrow(() -> new TokenizerFormatException("missing metadata " + TOKENS_KEY));
        int n = tokens.length;
        if (n == 0) throw new TokenizerFormatException("metadata " + TOKENS_KEY + " is empty");
        float[] s = md.floats(SCORES_KEY).orElse(null);
        if (s != null && s.length < n) throw new TokenizerFormatException("metadata " + SCORES_KEY + " has " + s.length + " entries for " + n + " tokens");
        int[] types = md.ints(TOKEN_TYPE_KEY).orElse(null);
        if (types != null && types.length < n) throw new TokenizerFormatException("metadata " + TOKEN_TYPE_KEY + " has " + types.length + " entries for " + n + " tokens");

        pieces = new String[n];
        scores = new float[n];
        attributes = new int[n];
        ids = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            // llama.cpp renames empty pieces so that every piece stays unique and non-empty
            String piece = tokens[i].isEmpty() ? "[EMPTY_" + i + "]" : tokens[i];
            Integer previous = ids.putIfAbsent(piece, i);
            if (previous != null) throw new TokenizerFormatException("metadata " + TOKENS_KEY + " lists '" + piece + "' twice, at ids " + previous + " and " + i);
            pieces[i] = piece;
            scores[i] = s == null ? 0f : s[i];
            attributes[i] = types == null ? TokenAttributes.NORMAL : TokenAttributes.fromTokenType(types[i]);
        }

        SpecialTokenIds fromMetadata = new SpecialTokenIds(
                specialId(md, "tokenizer.ggml.bos_token_id", defaults.bos()),
                specialId(md, "tokenizer.ggml.eos_token_id", defaults.eos()),
                specialId(md, "tokenizer.ggml.eot_token_id", defaults.eot()),
                specialId(md, "tokenizer.ggml.eom_token_id", defaults.eom()),
                specialId(md, "tokenizer.ggml.unknown_token_id", defaults.unk()),
                specialId(md, "tokenizer.ggml.padding_token_id", defaults.pad()),
                specialId(md, "tokenizer.ggml.fim_pad_token_id", defaults.fimPad()),
                specialId(md, "tokenizer.ggml.fim_rep_token_id", defaults.fimRep()),
                specialId(md, "tokenizer.ggml.fim_sep_token_id", defaults.fimSep()));
        special = detectByText(fromMetadata);
        markUnused();
        endOfGeneration = endOfGenerationSet();
        for (int id = 0; id < n; id++) if (ALWAYS_RENDERED.contains(pieces[id])) attributes[id] = TokenAttributes.USER_DEFINED;
        splittableTokens = splittableTokensLongestFirst();
    }

    /**
     * A special-token id from metadata. llama.cpp first drops a default that lies outside the
     * vocabulary, then ignores a metadata id outside it (such as 0xFFFFFFFF for "none").
     */
    private int specialId(GgufMetadata md, String key, int defaultId) {
        int id = defaultId >= 0 && defaultId < pieces.length ? defaultId : SpecialTokenIds.NONE;
        Optional<Long> value = md.integer(key);
        if (value.isPresent() && value.get() >= 0 && value.get() < pieces.length) id = value.get().intValue();
        return id;
    }

    /**
     * Finds unset end-of-turn, end-of-message and fill-in-the-middle tokens by their text and marks
     * them control, as llama.cpp does. llama.cpp walks a hash map, so among several candidates its
     * choice is arbitrary; here the lowest id wins.
     */
    private SpecialTokenIds detectByText(SpecialTokenIds s) {
        int eot = s.eot(), eom = s.eom(), fimPre = -1, fimSuf = -1, fimMid = -1, fimPad = s.fimPad(), fimRep = s.fimRep(), fimSep = s.fimSep();
        for (int id = 0; id < pieces.length; id++) {
            String p = pieces[id];
            if (eot < 0 && EOT_TEXTS.contains(p)) eot = markControl(id);
            if (eom < 0 && EOM_TEXTS.contains(p)) eom = markControl(id);
            if (fimPre < 0 && FIM_PRE_TEXTS.contains(p)) fimPre = markControl(id);
            if (fimSuf < 0 && FIM_SUF_TEXTS.contains(p)) fimSuf = markControl(id);
            if (fimMid < 0 && FIM_MID_TEXTS.contains(p)) fimMid = markControl(id);
            if (fimPad < 0 && FIM_PAD_TEXTS.contains(p)) fimPad = markControl(id);
            if (fimRep < 0 && FIM_REP_TEXTS.contains(p)) fimRep = markControl(id);
            if (fimSep < 0 && FIM_SEP_TEXTS.contains(p)) fimSep = markControl(id);
        }
        return new SpecialTokenIds(s.bos(), s.eos(), eot, eom, s.unk(), s.pad(), fimPad, fimRep, fimSep);
    }

    private int markControl(int id) {
        attributes[id] |= TokenAttributes.CONTROL;
        return id;
    }

    /** Control tokens whose text says "unused" are unused (llama.cpp's auto-detection). */
    private void markUnused() {
        for (int id = 0; id < pieces.length; id++) {
            if (TokenAttributes.has(attributes[id], TokenAttributes.CONTROL) && pieces[id].contains("unused")) attributes[id] |= TokenAttributes.UNUSED;
        }
    }

    private Set<Integer> endOfGenerationSet() {
        TreeSet<Integer> eog = new TreeSet<>();
        for (int id : new int[] {special.fimPad(), special.fimRep(), special.fimSep()}) if (id >= 0) eog.add(id);
        for (int id = 0; id < pieces.length; id++) {
            if (EOG_TEXTS.contains(pieces[id])) {
                eog.add(id);
                attributes[id] |= TokenAttributes.CONTROL;
            }
        }
        for (int id : new int[] {special.eos(), special.eot(), special.eom()}) if (id >= 0) eog.add(id);
        // harmony-style vocabularies use <|end|> between messages, not to stop: llama.cpp drops it
        Optional<Integer> end = eog.stream().filter(id -> pieces[id].equals("<|end|>")).findFirst();
        boolean hasReturn = eog.stream().anyMatch(id -> pieces[id].equals("<|return|>"));
        boolean hasCall = eog.stream().anyMatch(id -> pieces[id].equals("<|call|>") || pieces[id].equals("<|calls|>"));
        boolean hasFlush = eog.stream().anyMatch(id -> pieces[id].equals("<|flush|>"));
        if (end.isPresent() && hasCall && (hasReturn || hasFlush)) {
            eog.remove(end.get());
            attributes[end.get()] = TokenAttributes.USER_DEFINED;
        }
        // with <|tool_response> present, </s> is ordinary text (llama.cpp's gemma4 workaround)
        Optional<Integer> closeS = eog.stream().filter(id -> pieces[id].equals("</s>")).findFirst();
        if (closeS.isPresent() && eog.stream().anyMatch(id -> pieces[id].equals("<|tool_response>"))) {
            eog.remove(closeS.get());
            attributes[closeS.get()] = TokenAttributes.NORMAL;
        }
        return Set.copyOf(eog);
    }

    /**
     * Tokens that are cut out of the text before tokenization, longest UTF-8 text first (llama.cpp's
     * {@code cache_special_tokens}; its sort is unstable, ties go by id here).
     */
    private int[] splittableTokensLongestFirst() {
        List<Integer> list = new ArrayList<>();
        int splittable = TokenAttributes.CONTROL | TokenAttributes.USER_DEFINED | TokenAttributes.UNKNOWN;
        for (int id = 0; id < pieces.length; id++) if (TokenAttributes.has(attributes[id], splittable)) list.add(id);
        int[] utf8Length = new int[pieces.length];
        for (int id : list) utf8Length[id] = pieces[id].getBytes(StandardCharsets.UTF_8).length;
        list.sort(Comparator.<Integer>comparingInt(id -> -utf8Length[id]).thenComparingInt(id -> id));
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    int size() {
        return pieces.length;
    }

    String piece(int id) {
        return pieces[id];
    }

    float score(int id) {
        return scores[id];
    }

    int attributes(int id) {
        return attributes[id];
    }

    /** The id of a piece, or {@link SpecialTokenIds#NONE}. */
    int id(String piece) {
        Integer id = ids.get(piece);
        return id == null ? SpecialTokenIds.NONE : id;
    }

    SpecialTokenIds special() {
        return special;
    }

    boolean isEndOfGeneration(int id) {
        return endOfGeneration.contains(id);
    }

    Set<Integer> endOfGeneration() {
        return endOfGeneration;
    }

    int[] splittableTokens() {
        return splittableTokens;
    }

    @Override
    public String toString() {
        return "Vocabulary[" + pieces.length + " tokens, special " + special + ", eog " + Arrays.toString(endOfGeneration.stream().sorted().toArray()) + "]";
    }
}
