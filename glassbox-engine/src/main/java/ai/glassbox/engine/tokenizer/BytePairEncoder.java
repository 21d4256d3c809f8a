package ai.glassbox.engine.tokenizer;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Byte-level BPE (llama.cpp's {@code llm_tokenizer_bpe}): the pre-tokenizer splits the text into
 * words, each word is written in the byte-level alphabet, and within a word the adjacent pair with
 * the lowest merge rank is merged until no ranked pair is left (leftmost on ties). Stateless and
 * thread-safe.
 */
final class BytePairEncoder implements PieceEncoder {
    static final String MERGES_KEY = "tokenizer.ggml.merges";

    private record Bigram(int left, int right, int rank, int length) {}

    /** Lowest rank first, then the leftmost pair (llama.cpp's {@code llm_bigram_bpe::comparator}). */
    private static final Comparator<Bigram> PRIORITY = Comparator.comparingInt(Bigram::rank).thenComparingInt(Bigram::left);

    private final Vocabulary vocab;
    private final PreTokenizer preTokenizer;
    private final boolean ignoreMerges;
    /** "left right" → rank, the merge's position in {@code tokenizer.ggml.merges}. */
    private final Map<String, Integer> ranks;

    BytePairEncoder(Vocabulary vocab, String[] merges, PreTokenizer preTokenizer, boolean ignoreMerges) {
        this.vocab = vocab;
        this.preTokenizer = preTokenizer;
        this.ignoreMerges = ignoreMerges;
        this.ranks = HashMap.newHashMap(merges.length);
        for (int i = 0; i < merges.length; i++) {
            // llama.cpp splits at the first space after the first character; a line without one is
            // an empty pair that never matches, so it is left out
            if (merges[i].indexOf(' ', 1) < 0) continue;
            ranks.putIfAbsent(merges[i], i);
        }
    }

    @Override
    public void encode(String text, TokenIdBuffer out) {
        for (String word : preTokenizer.split(text)) encodeWord(ByteLevelAlphabet.encode(word), out);
    }

    private void encodeWord(String word, TokenIdBuffer out) {
        // Llama 3 style vocabularies take a whole word that is a piece as is, whatever the merges say
        if (ignoreMerges) {
            int id = vocab.id(word);
            if (id >= 0) {
                out.add(id);
                return;
            }
        }
        // every alphabet character is a single UTF-16 unit, so symbols start as single chars
        int n = word.length();
        int[] length = new int[n], prev = new int[n], next = new int[n];
        for (int i = 0; i < n; i++) {
            length[i] = 1;
            prev[i] = i - 1;
            next[i] = i == n - 1 ? -1 : i + 1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>(PRIORITY);
        for (int i = 1; i < n; i++) offer(word, length, i - 1, i, queue);
        while (!queue.isEmpty()) {
            Bigram b = queue.poll();
            if (length[b.left()] == 0 || length[b.right()] == 0 || length[b.left()] + length[b.right()] != b.length()) continue;
            length[b.left()] += length[b.right()];
            length[b.right()] = 0;
            next[b.left()] = next[b.right()];
            if (next[b.right()] >= 0) prev[next[b.right()]] = b.left();
            offer(word, length, prev[b.left()], b.left(), queue);
            offer(word, length, b.left(), next[b.left()], queue);
        }
        for (int i = 0; i != -1 && n > 0; i = next[i]) emit(word.substring(i, i + length[i]), out);
    }

    private void offer(String word, int[] length, int left, int right, PriorityQueue<Bigram> queue) {
        if (left < 0 || right < 0) return;
        Integer rank = ranks.get(word.substring(left, left + length[left]) + ' ' + word.substring(right, right + length[right]));
        if (rank == null) return;
        queue.add(new Bigram(left, right, rank, length[left] + length[right]));
    }

    /**
     * A symbol that is not a piece falls back to one token per byte of its UTF-8 text, as llama.cpp
     * does; only ASCII alphabet characters are one-byte pieces, so others are dropped there too.
     */
    private void emit(String symbol, TokenIdBuffer out) {
        int id = vocab.id(symbol);
        if (id >= 0) {
            out.add(id);
            return;
        }
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            int single = c < 0x80 ? vocab.id(String.valueOf(c)) : -1;
            if (single >= 0) out.add(single);
        }
    }

    @Override
    public byte[] normalPieceBytes(String piece) {
        return ByteLevelAlphabet.decode(piece);
    }
}
