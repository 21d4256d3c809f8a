package ai.glassbox.engine.model;

/**
 * Keys and values of every processed position, per layer, in float32: {@code [position][kvDim]}.
 * Sized once for the context length. Positions past {@link #length()} are garbage.
 */
final class KvCache {
    final float[][] keys;
    final float[][] values;
    final int contextLength;
    final int kvDim;
    final int valueDim;
    private int length;

    KvCache(ModelConfig c, int contextLength) {
        long bytes = 4L * c.layers() * contextLength * (c.kvDim() + (long) c.valueDim());
        if ((long) contextLength * Math.max(c.kvDim(), c.valueDim()) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("context " + contextLength + " is too long for one KV array (" + bytes + " bytes); use a smaller --ctx");
        }
        this.contextLength = contextLength;
        this.kvDim = c.kvDim();
        this.valueDim = c.valueDim();
        keys = new float[c.layers()][contextLength * c.kvDim()];
        values = new float[c.layers()][contextLength * c.valueDim()];
    }

    /** Positions holding valid keys and values. */
    int length() {
        return length;
    }

    void setLength(int length) {
        if (length < 0 || length > contextLength) throw new IllegalArgumentException("KV length " + length + " outside [0, " + contextLength + "]");
        this.length = length;
    }

    /** Copies the first {@code n} positions of {@code other} (prefix sharing). */
    void copyPrefixFrom(KvCache other, int n) {
        for (int l = 0; l < keys.length; l++) {
            System.arraycopy(other.keys[l], 0, keys[l], 0, n * kvDim);
            System.arraycopy(other.values[l], 0, values[l], 0, n * valueDim);
        }
        length = n;
    }

    static long bytes(ModelConfig c, int contextLength) {
        return 4L * c.layers() * contextLength * (c.kvDim() + (long) c.valueDim());
    }
}
