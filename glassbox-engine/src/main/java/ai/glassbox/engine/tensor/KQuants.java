package ai.glassbox.engine.tensor;

import static ai.glassbox.engine.tensor.Quantizer.putI16;

/**
 * ggml's reference K-quant encoders for 256-element super-blocks ({@code quantize_row_q4_K_ref},
 * {@code _q5_K_ref}, {@code _q6_K_ref} with {@code make_qkx2_quants} and {@code make_qx_quants}).
 * Float expressions keep the C operand order so that results are bit-identical.
 */
final class KQuants {
    static final int QK_K = 256;
    private static final float GROUP_MAX_EPS = 1e-15f;

    private KQuants() {}

    /** ggml's {@code nearest_int}: round half to even, valid for |v| below 2^22. */
    static int nearestInt(float v) {
        return (int) Math.rint(v);
    }

    // block_q4_K: d (f16), dmin (f16), scales[12] (6-bit scale and min per 32), qs[128]
    static void q4K(float[] x, int xo, byte[] y, int yo) {
        byte[] L = new byte[QK_K];
        float[] mins = new float[8];
        float[] scales = new float[8];
        float[] maxes = subBlockScalesWithMins(x, xo, 15, L, scales, mins, -1f, 0.1f, 20);
        packScalesWithMins(x, xo, y, yo, 15, L, scales, mins, maxes);
        int q = yo + 4 + 12;
        for (int j = 0; j < QK_K; j += 64) {
            for (int l = 0; l < 32; l++) y[q + l] = (byte) (L[j + l] | (L[j + l + 32] << 4));
            q += 32;
        }
    }

    // block_q5_K: d (f16), dmin (f16), scales[12], qh[32] (5th bits), qs[128] (low nibbles)
    static void q5K(float[] x, int xo, byte[] y, int yo) {
        byte[] L = new byte[QK_K];
        float[] mins = new float[8];
        float[] scales = new float[8];
        float[] maxes = subBlockScalesWithMins(x, xo, 31, L, scales, mins, -0.5f, 0.1f, 15);
        packScalesWithMins(x, xo, y, yo, 31, L, scales, mins, maxes);
        int qh = yo + 4 + 12;
        int ql = qh + 32;
        java.util.Arrays.fill(y, qh, qh + 32, (byte) 0);
        int m1 = 1, m2 = 2;
        for (int n = 0; n < QK_K; n += 64) {
            for (int j = 0; j < 32; j++) {
                int l1 = L[n + j];
                if (l1 > 15) {
                    l1 -= 16;
                    y[qh + j] |= (byte) m1;
                }
                int l2 = L[n + j + 32];
                if (l2 > 15) {
                    l2 -= 16;
                    y[qh + j] |= (byte) m2;
                }
                y[ql + j] = (byte) (l1 | (l2 << 4));
            }
            m1 <<= 2;
            m2 <<= 2;
            ql += 32;
        }
    }

    /** Per 32-element sub-block scale and min via make_qkx2_quants; returns {max scale, max min}. */
    private static float[] subBlockScalesWithMins(float[] x, int xo, int nmax, byte[] L, float[] scales, float[] mins, float rmin, float rdelta, int nstep) {
        float[] weights = new float[32];
        byte[] laux = new byte[32];
        float[] theMin = new float[1];
        float maxScale = 0, maxMin = 0;
        for (int j = 0; j < 8; j++) {
            int o = xo + 32 * j;
            float sumX2 = 0;
            for (int l = 0; l < 32; l++) sumX2 += x[o + l] * x[o + l];
            float avX = (float) Math.sqrt(sumX2 / 32);
            for (int l = 0; l < 32; l++) weights[l] = avX + Math.abs(x[o + l]);
            scales[j] = makeQkx2Quants(32, nmax, x, o, weights, L, 32 * j, theMin, laux, rmin, rdelta, nstep);
            mins[j] = theMin[0];
            if (scales[j] > maxScale) maxScale = scales[j];
            if (mins[j] > maxMin) maxMin = mins[j];
        }
        return new float[] {maxScale, maxMin};
    }

    /** Stores d, dmin and the 12 packed scale bytes, then requantizes L against the stored scales. */
    private static void packScalesWithMins(float[] x, int xo, byte[] y, int yo, int nmax, byte[] L, float[] scales, float[] mins, float[] maxes) {
        float invScale = maxes[0] > 0 ? 63.f / maxes[0] : 0.f;
        float invMin = maxes[1] > 0 ? 63.f / maxes[1] : 0.f;
        int s = yo + 4;
        java.util.Arrays.fill(y, s, s + 12, (byte) 0);
        for (int j = 0; j < 8; j++) {
            // uint8_t truncation happens before the clamp in ggml
            int ls = Math.min(63, nearestInt(invScale * scales[j]) & 0xFF);
            int lm = Math.min(63, nearestInt(invMin * mins[j]) & 0xFF);
            if (j < 4) {
                y[s + j] = (byte) ls;
                y[s + j + 4] = (byte) lm;
            } else {
                y[s + j + 4] = (byte) ((ls & 0xF) | ((lm & 0xF) << 4));
                y[s + j - 4] |= (byte) ((ls >> 4) << 6);
                y[s + j] |= (byte) ((lm >> 4) << 6);
            }
        }
        short dh = Float.floatToFloat16(maxes[0] / 63.f);
        short mh = Float.floatToFloat16(maxes[1] / 63.f);
        putI16(y, yo, dh);
        putI16(y, yo + 2, mh);
        float dAll = Float.float16ToFloat(dh);
        float mAll = Float.float16ToFloat(mh);
        for (int j = 0; j < 8; j++) {
            float d = dAll * Dequantizer.scaleK4(y, s, j);
            if (d == 0) continue; // ggml keeps make_qkx2_quants' levels for this sub-block
            float dm = mAll * Dequantizer.minK4(y, s, j);
            for (int ii = 0; ii < 32; ii++) {
                int l = nearestInt((x[xo + 32 * j + ii] + dm) / d);
                L[32 * j + ii] = (byte) Math.max(0, Math.min(nmax, l));
            }
        }
    }

    // make_qkx2_quants: asymmetric levels 0..nmax with a min, searching nstep+1 candidate scales
    private static float makeQkx2Quants(int n, int nmax, float[] x, int xo, float[] weights, byte[] L, int lo, float[] theMin, byte[] laux, float rmin, float rdelta, int nstep) {
        float min = x[xo], max = x[xo];
        float sumW = weights[0];
        float sumX = sumW * x[xo];
        for (int i = 1; i < n; i++) {
            float xi = x[xo + i];
            if (xi < min) min = xi;
            if (xi > max) max = xi;
            float w = weights[i];
            sumW += w;
            sumX += w * xi;
        }
        if (min > 0) min = 0;
        if (max == min) {
            for (int i = 0; i < n; i++) L[lo + i] = 0;
            theMin[0] = -min;
            return 0.f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; i++) {
            int l = nearestInt(iscale * (x[xo + i] - min));
            L[lo + i] = (byte) Math.max(0, Math.min(nmax, l));
            float diff = scale * L[lo + i] + min - x[xo + i];
            bestError += weights[i] * (diff * diff);
        }
        for (int is = 0; is <= nstep; is++) {
            iscale = (rmin + rdelta * is + nmax) / (max - min);
            float sumL = 0, sumL2 = 0, sumXL = 0;
            for (int i = 0; i < n; i++) {
                int l = Math.max(0, Math.min(nmax, nearestInt(iscale * (x[xo + i] - min))));
                laux[i] = (byte) l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXL += w * l * x[xo + i];
            }
            float D = sumW * sumL2 - sumL * sumL;
            if (D > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / D;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / D;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float curError = 0;
                for (int i = 0; i < n; i++) {
                    float diff = thisScale * laux[i] + thisMin - x[xo + i];
                    curError += weights[i] * (diff * diff);
                }
                if (curError < bestError) {
                    System.arraycopy(laux, 0, L, lo, n);
                    bestError = curError;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        theMin[0] = -min;
        return scale;
    }

    // block_q6_K: ql[128] (low nibbles), qh[64] (2 high bits), scales[16] (int8), d (f16)
    static void q6K(float[] x, int xo, byte[] y, int yo) {
        byte[] L = new byte[QK_K];
        float[] scales = new float[16];
        float maxScale = 0, maxAbsScale = 0;
        for (int ib = 0; ib < 16; ib++) {
            float scale = makeQxQuants(16, 32, x, xo + 16 * ib, L, 16 * ib);
            scales[ib] = scale;
            float abs = Math.abs(scale);
            if (abs > maxAbsScale) {
                maxAbsScale = abs;
                maxScale = scale;
            }
        }
        if (maxAbsScale < GROUP_MAX_EPS) {
            java.util.Arrays.fill(y, yo, yo + 210, (byte) 0);
            return;
        }
        int ql = yo, qh = yo + 128, sc = yo + 192;
        float iscale = -128.f / maxScale;
        short dh = Float.floatToFloat16(1 / iscale);
        putI16(y, yo + 208, dh);
        for (int ib = 0; ib < 16; ib++) y[sc + ib] = (byte) Math.min(127, nearestInt(iscale * scales[ib]));
        float dAll = Float.float16ToFloat(dh);
        for (int j = 0; j < 16; j++) {
            float d = dAll * y[sc + j];
            if (d == 0) continue;
            for (int ii = 0; ii < 16; ii++) {
                int l = nearestInt(x[xo + 16 * j + ii] / d);
                L[16 * j + ii] = (byte) (Math.max(-32, Math.min(31, l)) + 32);
            }
        }
        for (int j = 0; j < QK_K; j += 128) {
            for (int l = 0; l < 32; l++) {
                int q1 = L[j + l] & 0xF, q2 = L[j + l + 32] & 0xF, q3 = L[j + l + 64] & 0xF, q4 = L[j + l + 96] & 0xF;
                y[ql + l] = (byte) (q1 | (q3 << 4));
                y[ql + l + 32] = (byte) (q2 | (q4 << 4));
                y[qh + l] = (byte) ((L[j + l] >> 4) | ((L[j + l + 32] >> 4) << 2) | ((L[j + l + 64] >> 4) << 4) | ((L[j + l + 96] >> 4) << 6));
            }
            ql += 64;
            qh += 32;
        }
    }

    // make_qx_quants with rmse_type 1 (weights x^2) and no importance weights: symmetric levels
    private static float makeQxQuants(int n, int nmax, float[] x, int xo, byte[] L, int lo) {
        float max = 0, amax = 0;
        for (int i = 0; i < n; i++) {
            float ax = Math.abs(x[xo + i]);
            if (ax > amax) {
                amax = ax;
                max = x[xo + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < n; i++) L[lo + i] = 0;
            return 0.f;
        }
        float iscale = -nmax / max;
        float sumlx = 0, suml2 = 0;
        for (int i = 0; i < n; i++) {
            float xi = x[xo + i];
            int l = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * xi)));
            L[lo + i] = (byte) (l + nmax);
            float w = xi * xi;
            sumlx += w * xi * l;
            suml2 += w * l * l;
        }
        float scale = suml2 != 0 ? sumlx / suml2 : 0.0f;
        float best = scale * sumlx;
        for (int is = -9; is <= 9; is++) {
            if (is == 0) continue;
            iscale = -(nmax + 0.1f * is) / max;
            sumlx = 0;
            suml2 = 0;
            for (int i = 0; i < n; i++) {
                float xi = x[xo + i];
                int l = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * xi)));
                float w = xi * xi;
                sumlx += w * xi * l;
                suml2 += w * l * l;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2) {
                for (int i = 0; i < n; i++) {
                    int l = nearestInt(iscale * x[xo + i]);
                    L[lo + i] = (byte) (nmax + Math.max(-nmax, Math.min(nmax - 1, l)));
                }
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }
}
