package ai.glassbox.engine;

import java.util.List;

/**
 * Streams generated text to a listener while holding back any tail that could be the start of a
 * stop string, so a stop string is never shown, even in part.
 */
final class StopStringFilter {
    private final List<String> stops;
    private final GenerationListener listener;
    private final StringBuilder all = new StringBuilder();
    private int emitted;
    private int end = -1;

    StopStringFilter(List<String> stops, GenerationListener listener) {
        this.stops = stops;
        this.listener = listener;
    }

    /** Adds text; returns true when a stop string has appeared (text is cut before it). */
    boolean accept(String piece) {
        if (piece.isEmpty()) return false;
        all.append(piece);
        int searchFrom = Math.max(0, all.length() - piece.length() - longestStop());
        int cut = -1;
        for (String s : stops) {
            int i = all.indexOf(s, searchFrom);
            if (i >= 0 && (cut < 0 || i < cut)) cut = i;
        }
        if (cut >= 0) {
            end = cut;
            emitUpTo(cut);
            return true;
        }
        emitUpTo(all.length() - heldBack());
        return false;
    }

    /** Emits everything still held back (generation ended without a stop string). */
    void finish(String tail) {
        all.append(tail);
        emitUpTo(all.length());
    }

    String text() {
        return end >= 0 ? all.substring(0, end) : all.toString();
    }

    private void emitUpTo(int upTo) {
        if (upTo > emitted) {
            listener.onText(all.substring(emitted, upTo));
            emitted = upTo;
        }
    }

    /** Length of the longest suffix of the text that is a proper prefix of a stop string. */
    private int heldBack() {
        int best = 0;
        for (String s : stops) {
            for (int len = Math.min(s.length() - 1, all.length()); len > best; len--) {
                if (all.substring(all.length() - len).equals(s.substring(0, len))) {
                    best = len;
                    break;
                }
            }
        }
        return best;
    }

    private int longestStop() {
        int m = 0;
        for (String s : stops) m = Math.max(m, s.length());
        return m;
    }
}
