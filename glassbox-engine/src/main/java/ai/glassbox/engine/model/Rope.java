package ai.glassbox.engine.model;

/**
 * Rotary position embedding. The angle of pair {@code i} at position {@code p} is computed as
 * ggml's rope cache does: {@code theta = p}, multiplied by {@code base^(-2/ropeDims)} once per
 * pair in float, divided by the llama3 frequency factor when present, scaled by the linear
 * frequency scale; cos and sin from StrictMath.
 */
final class Rope {
    private final int pairs;
    private final float thetaScale;
    private final float freqScale;
    private final float[] freqFactors;
    private final Architecture.RopeStyle style;
    private final int ropeDims;

    Rope(ModelConfig c, float[] freqFactors) {
        this.ropeDims = c.ropeDims();
        this.pairs = c.ropeDims() / 2;
        this.thetaScale = (float) StrictMath.pow(c.ropeBase(), -2.0 / c.ropeDims());
        this.freqScale = c.ropeFreqScale();
        this.freqFactors = freqFactors;
        this.style = c.architecture().ropeStyle();
    }

    int pairs() {
        return pairs;
    }

    /** Fills {@code cos[off, off+pairs)} and {@code sin} for one position. */
    void angles(int position, float[] cos, float[] sin, int off) {
        float theta = position;
        for (int i = 0; i < pairs; i++) {
            float t = theta;
            if (freqFactors.length > 0) t = t / freqFactors[i];
            t = freqScale * t;
            cos[off + i] = (float) StrictMath.cos(t);
            sin[off + i] = (float) StrictMath.sin(t);
            theta *= thetaScale;
        }
    }

    /** Rotates {@code heads} heads of width {@code headDim} stored from {@code x[off]}. */
    void rotate(float[] x, int off, int heads, int headDim, float[] cos, float[] sin, int csOff) {
        for (int h = 0; h < heads; h++) {
            int base = off + h * headDim;
            if (style == Architecture.RopeStyle.NEOX) {
                for (int i = 0; i < pairs; i++) {
                    float x0 = x[base + i];
                    float x1 = x[base + i + ropeDims / 2];
                    float c = cos[csOff + i];
                    float s = sin[csOff + i];
                    x[base + i] = x0 * c - x1 * s;
                    x[base + i + ropeDims / 2] = x0 * s + x1 * c;
                }
            } else {
                for (int i = 0; i < pairs; i++) {
                    float x0 = x[base + 2 * i];
                    float x1 = x[base + 2 * i + 1];
                    float c = cos[csOff + i];
                    float s = sin[csOff + i];
                    x[base + 2 * i] = x0 * c - x1 * s;
                    x[base + 2 * i + 1] = x0 * s + x1 * c;
                }
            }
        }
    }
}
