package ai.glassbox.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts special tokens written in the text out of it before tokenization (llama.cpp's
 * {@code tokenizer_st_partition}). Tokens are tried one after another, longest text first, and
 * each splits every text fragment left so far at all its occurrences; so a longer token wins over
 * a shorter one it overlaps, wherever it stands.
 *
 * <p>Control and unknown tokens are cut out only when special tokens are parsed; user-defined
 * tokens always are, as in Hugging Face tokenizers' added tokens.
 */
final class SpecialTokenSplitter {
    private final Vocabulary vocab;

    SpecialTokenSplitter(Vocabulary vocab) {
        this.vocab = vocab;
    }

    List<Fragment> split(String text, boolean parseSpecial) {
        List<Fragment> fragments = new ArrayList<>();
        if (text.isEmpty()) return fragments;
        fragments.add(new Fragment.Text(text));
        int skipped = TokenAttributes.CONTROL | TokenAttributes.UNKNOWN;
        for (int id : vocab.splittableTokens()) {
            if (!parseSpecial && TokenAttributes.has(vocab.attributes(id), skipped)) continue;
            String piece = vocab.piece(id);
            if (!containsInText(fragments, piece)) continue;
            List<Fragment> next = new ArrayList<>(fragments.size() + 2);
            for (Fragment f : fragments) {
                if (f instanceof Fragment.Text(String t)) splitAt(t, piece, id, next);
                else next.add(f);
            }
            fragments = next;
        }
        return fragments;
    }

    private static boolean containsInText(List<Fragment> fragments, String piece) {
        for (Fragment f : fragments) if (f instanceof Fragment.Text(String t) && t.contains(piece)) return true;
        return false;
    }

    private static void splitAt(String text, String piece, int id, List<Fragment> out) {
        int from = 0;
        for (int at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, from)) {
            if (at > from) out.add(new Fragment.Text(text.substring(from, at)));
            out.add(new Fragment.Token(id));
            from = at + piece.length();
        }
        if (from < text.length()) out.add(new Fragment.Text(from == 0 ? text : text.substring(from)));
    }
}
