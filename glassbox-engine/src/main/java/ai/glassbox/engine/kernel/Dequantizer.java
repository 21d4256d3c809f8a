package ai.glassbox.engine.kernel;

import static ai.glassbox.engine.kernel.BlockFormat.f16;
import static ai.glassbox.engine.kernel.BlockFormat.u8;

import ai.glassbox.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Row dequantization for every supported weight type, following ggml's {@code dequantize_row_*}
 * reference functions (ggml-quants.c). Element order and formulas are ggml's; products are plain
 * float multiplies (no fused multiply-add), evaluated left to right as written in each case.
 */
final class Dequantizer {
    private Dequantizer() {}

    static void dequantizeRow(WeightMatrix w, int row, float[] out, int outOff) {
        MemorySegment seg = w.data();
        long base = row * w.rowBytes();
        int cols = w.cols();
        GgmlType t = w.type();
        int nb = cols / t.blockSize();
        for (int b = 0; b < nb; b++) {
            long o = base + (long) b * t.bytesPerBlock();
            int y = outOff + b * t.blockSize();
            switch (t) {
                case F32 -> out[y] = seg.get(BlockFormat.F32, o);
                case F16 -> out[y] = f16(seg, o);
                case BF16 -> out[y] = Float.intBitsToFloat(seg.get(BlockFormat.I16, o) << 16);
                case Q8_0 -> q8_0(seg, o, out, y);
                case Q4_0 -> q4(seg, o, out, y, false);
                case Q4_1 -> q4(seg, o, out, y, true);
                case Q5_0 -> q5(seg, o, out, y, false);
                case Q5_1 -> q5(seg, o, out, y, true);
                case Q4_K -> q4K(seg, o, out, y);
                case Q5_K -> q5K(seg, o, out, y);
                case Q6_K -> q6K(seg, o, out, y);
                default -> throw new UnsupportedOperationException(w.name() + ": no kernel for " + t);
            }
        }
    }

    /** block_q8_0 {fp16 d; int8 qs[32]}: y = qs * d. */
    private static void q8_0(MemorySegment s, long o, float[] out, int y) {
        float d = f16(s, o);
        for (int i = 0; i < 32; i++) out[y + i] = s.get(ValueLayout.JAVA_BYTE, o + 2 + i) * d;
    }

    /** block_q4_0 {d; qs[16]}: (q - 8) * d; block_q4_1 {d; m; qs[16]}: q * d + m. Low nibbles first. */
    private static void q4(MemorySegment s, long o, float[] out, int y, boolean withMin) {
        float d = f16(s, o);
        float m = withMin ? f16(s, o + 2) : 0f;
        long qs = o + (withMin ? 4 : 2);
        for (int i = 0; i < 16; i++) {
            int b = u8(s, qs + i);
            if (withMin) {
                out[y + i] = (b & 0xF) * d + m;
                out[y + 16 + i] = (b >>> 4) * d + m;
            } else {
                out[y + i] = ((b & 0xF) - 8) * d;
                out[y + 16 + i] = ((b >>> 4) - 8) * d;
            }
        }
    }

    /** block_q5_0 {d; qh[4]; qs[16]}: (q - 16) * d; block_q5_1 {d; m; qh[4]; qs[16]}: q * d + m. */
    private static void q5(MemorySegment s, long o, float[] out, int y, boolean withMin) {
        float d = f16(s, o);
        float m = withMin ? f16(s, o + 2) : 0f;
        long hOff = o + (withMin ? 4 : 2);
        int qh = s.get(BlockFormat.I32, hOff);
        for (int i = 0; i < 16; i++) {
            int b = u8(s, hOff + 4 + i);
            int lo = (b & 0xF) | ((qh >>> i) & 1) << 4;
            int hi = (b >>> 4) | ((qh >>> (i + 16)) & 1) << 4;
            if (withMin) {
                out[y + i] = lo * d + m;
                out[y + 16 + i] = hi * d + m;
            } else {
                out[y + i] = (lo - 16) * d;
                out[y + 16 + i] = (hi - 16) * d;
            }
        }
    }

    /** block_q4_K {d; dmin; scales[12]; qs[128]}: (d * sc) * q - (dmin * m) per 32-element group. */
    private static void q4K(MemorySegment s, long o, float[] out, int y) {
        float d = f16(s, o);
        float dmin = f16(s, o + 2);
        for (int c = 0; c < 4; c++) {
            float d1 = d * BlockFormat.byteOf(BlockFormat.kScales(s, o + 4), 2 * c);
            float m1 = dmin * BlockFormat.byteOf(BlockFormat.kMins(s, o + 4), 2 * c);
            float d2 = d * BlockFormat.byteOf(BlockFormat.kScales(s, o + 4), 2 * c + 1);
            float m2 = dmin * BlockFormat.byteOf(BlockFormat.kMins(s, o + 4), 2 * c + 1);
            for (int l = 0; l < 32; l++) {
                int b = u8(s, o + 16 + 32 * c + l);
                out[y + 64 * c + l] = d1 * (b & 0xF) - m1;
                out[y + 64 * c + 32 + l] = d2 * (b >>> 4) - m2;
            }
        }
    }

    /** block_q5_K {d; dmin; scales[12]; qh[32]; qs[128]}: as Q4_K with a fifth bit from qh. */
    private static void q5K(MemorySegment s, long o, float[] out, int y) {
        float d = f16(s, o);
        float dmin = f16(s, o + 2);
        for (int c = 0; c < 4; c++) {
            float d1 = d * BlockFormat.byteOf(BlockFormat.kScales(s, o + 4), 2 * c);
            float m1 = dmin * BlockFormat.byteOf(BlockFormat.kMins(s, o + 4), 2 * c);
            float d2 = d * BlockFormat.byteOf(BlockFormat.kScales(s, o + 4), 2 * c + 1);
            float m2 = dmin * BlockFormat.byteOf(BlockFormat.kMins(s, o + 4), 2 * c + 1);
            for (int l = 0; l < 32; l++) {
                int b = u8(s, o + 48 + 32 * c + l);
                int h = u8(s, o + 16 + l);
                out[y + 64 * c + l] = d1 * ((b & 0xF) | ((h >>> (2 * c)) & 1) << 4) - m1;
                out[y + 64 * c + 32 + l] = d2 * ((b >>> 4) | ((h >>> (2 * c + 1)) & 1) << 4) - m2;
            }
        }
    }

    /** block_q6_K {ql[128]; qh[64]; int8 scales[16]; d}: (d * sc) * (q - 32) per 16-element group. */
    private static void q6K(MemorySegment s, long o, float[] out, int y) {
        float d = f16(s, o + 208);
        for (int h = 0; h < 2; h++) {
            for (int l = 0; l < 32; l++) {
                int is = 8 * h + l / 16;
                for (int k = 0; k < 4; k++) {
                    out[y + 128 * h + 32 * k + l] = d * s.get(ValueLayout.JAVA_BYTE, o + 192 + is + 2 * k) * BlockFormat.q6(s, o, h, l, k);
                }
            }
        }
    }
}
