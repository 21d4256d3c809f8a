package ai.glassbox.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * SentencePiece tokenization by piece scores (llama.cpp's {@code llm_tokenizer_spm}): start from
 * single characters, repeatedly merge the adjacent pair whose union is a vocabulary piece with the
 * highest score (leftmost on ties), and write characters that never became a piece as byte tokens
 * {@code <0xNN>}. Spaces are written as U+2581 "▁". Stateless and thread-safe.
 */
final class SentencePieceEncoder implements PieceEncoder {
    static final char SPACE_MARK = '\u2581';

    private record Bigram(int left, int right, float score, int length) {}

    /** Highest score first, then the leftmost pair (llama.cpp's {@code llm_bigram_spm::comparator}). */
    private static final Comparator<Bigram> PRIORITY =
            Comparator.comparingDouble((Bigram b) -> -b.score()).thenComparingInt(Bigram::left);

    private final Vocabulary vocab;
    /** The token for each byte value, or -1 where the vocabulary has none. */
    private final int[] byteTokens = new int[256];

    SentencePieceEncoder(Vocabulary vocab) {
        this.vocab = vocab;
        for (int b = 0; b < 256; b++) {
            int id = vocab.id(String.format("<0x%02X>", b));
            // llama.cpp falls back to the byte as a one-character piece
            if (id < 0 && b < 0x80) id = vocab.id(String.valueOf((char) b));
            byteTokens[b] = id;
        }
    }

    @Override
    public void encode(String text, TokenIdBuffer out) {
        String s = text.replace(' ', SPACE_MARK);
        int n = s.codePointCount(0, s.length());
        if (n == 0) return;
        // a doubly linked list of symbols over s; a merged-away symbol has length 0
        int[] start = new int[n], length = new int[n], prev = new int[n], next = new int[n];
        for (int i = 0, at = 0; i < n; i++) {
            int len = Character.charCount(s.codePointAt(at));
            start[i] = at;
            length[i] = len;
            prev[i] = i - 1;
            next[i] = i == n - 1 ? -1 : i + 1;
            at += len;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>(PRIORITY);
        for (int i = 1; i < n; i++) offer(s, start, length, i - 1, i, queue);
        while (!queue.isEmpty()) {
            Bigram b = queue.poll();
            // stale: one side was merged since this pair was queued
            if (length[b.left()] == 0 || length[b.right()] == 0 || length[b.left()] + length[b.right()] != b.length()) continue;
            length[b.left()] += length[b.right()];
            length[b.right()] = 0;
            next[b.left()] = next[b.right()];
            if (next[b.right()] >= 0) prev[next[b.right()]] = b.left();
            offer(s, start, length, prev[b.left()], b.left(), queue);
            offer(s, start, length, b.left(), next[b.left()], queue);
        }
        for (int i = 0; i != -1; i = next[i]) emit(s.substring(start[i], start[i] + length[i]), out);
    }

    private void offer(String s, int[] start, int[] length, int left, int right, PriorityQueue<Bigram> queue) {
        if (left < 0 || right < 0) return;
        int len = length[left] + length[right];
        int id = vocab.id(s.substring(start[left], start[left] + len));
        if (id < 0) return;
        queue.add(new Bigram(left, right, vocab.score(id), len));
    }

    /**
     * A final symbol is a piece or a single character; a character the vocabulary lacks becomes
     * its UTF-8 bytes. (llama.cpp also consults the pairs it merged, but a symbol that is not a piece
     * was never merged, so only the byte fallback applies.)
     */
    private void emit(String symbol, TokenIdBuffer out) {
        int id = vocab.id(symbol);
        if (id >= 0) {
            out.add(id);
            return;
        }
        for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) out.add(byteToken(b & 0xFF));
    }

    private int byteToken(int b) {
        if (byteTokens[b] >= 0) return byteTokens[b];
        throw new TokenizerFormatException("metadata " + Vocabulary.TOKENS_KEY + " has no byte token <0x" + String.format("%02X", b) + "> to encode byte 0x" + String.format("%02X", b));
    }

    @Override
    public byte[] normalPieceBytes(String piece) {
        return piece.replace(SPACE_MARK, ' ').getBytes(StandardCharsets.UTF_8);
    }
}
