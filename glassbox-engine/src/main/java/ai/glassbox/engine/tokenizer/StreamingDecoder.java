package ai.glassbox.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns token ids, fed one at a time as they are generated, into text. A token may carry only part
 * of a UTF-8 character (byte tokens, byte-level BPE pieces of an emoji); those bytes are held back
 * until the character is complete, so returned text never contains a split character.
 *
 * <p>Not thread-safe: one decoder per generation.
 */
public final class StreamingDecoder {
    private final Tokenizer tokenizer;
    private final boolean renderSpecial;
    private byte[] pending = new byte[8];
    private int pendingLength;

    StreamingDecoder(Tokenizer tokenizer, boolean renderSpecial) {
        this.tokenizer = tokenizer;
        this.renderSpecial = renderSpecial;
    }

    /**
     * Adds token {@code id} and returns the text that is now complete; empty while a character is
     * still incomplete.
     *
     * @throws IllegalArgumentException if {@code id} is outside the vocabulary
     */
    public String accept(int id) {
        byte[] bytes = tokenizer.tokenBytes(id, renderSpecial);
        if (pendingLength + bytes.length > pending.length) pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + bytes.length));
        System.arraycopy(bytes, 0, pending, pendingLength, bytes.length);
        pendingLength += bytes.length;
        int complete = completeLength();
        String text = new String(pending, 0, complete, StandardCharsets.UTF_8);
        System.arraycopy(pending, complete, pending, 0, pendingLength - complete);
        pendingLength -= complete;
        return text;
    }

    /** Returns what is held back, a truncated character as U+FFFD, and starts afresh. */
    public String flush() {
        String text = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
        pendingLength = 0;
        return text;
    }

    /**
     * The length of the pending prefix that ends on a character boundary: everything except a
     * trailing lead byte with fewer continuation bytes after it than it announces. Bytes that can
     * never complete (a stray continuation byte, an invalid lead) are released at once.
     */
    private int completeLength() {
        for (int back = 1; back <= Math.min(4, pendingLength); back++) {
            int b = pending[pendingLength - back] & 0xFF;
            if ((b & 0xC0) == 0x80) continue; // continuation byte: keep looking for its lead
            int needed = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 1;
            return needed > back ? pendingLength - back : pendingLength;
        }
        return pendingLength;
    }
}
