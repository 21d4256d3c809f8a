package ai.glassbox.engine.tokenizer;

import java.util.Arrays;

/** A growable list of token ids without boxing. Not thread-safe. */
final class TokenIdBuffer {
    private int[] ids = new int[64];
    private int size;

    void add(int id) {
        if (size == ids.length) ids = Arrays.copyOf(ids, size * 2);
        ids[size++] = id;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(ids, size);
    }
}
