package ai.glassbox.engine.kernel;

import static ai.glassbox.engine.kernel.BlockFormat.f16;

import ai.glassbox.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels reproducing {@link ScalarKernels} bit for bit at 128, 256 or 512 bits.
 *
 * <p>Float reductions keep the 16 logical lanes of the reference in 16/VL vector accumulators and
 * fold them with the reference tree (never {@code reduceLanes} on floats). Quantized rows compute
 * each block's 8 exact integer lane sums in short and int lanes and update the reference's 8
 * float lanes with one vector fma per block.
 *
 * <p>This file is larger than the house limit on purpose: it is the only class that may import
 * {@code jdk.incubator.vector} (STYLE rule 8), so every vector kernel family lives here. The
 * species live in the nested {@link Width} subclasses, loaded only when an instance of that width
 * is created (after {@link KernelProvider}'s checks). A process normally creates one width, so the
 * JIT sees a single {@code Width} subclass and constant-folds its species.
 */
public final class VectorKernels implements Kernels {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final short[] BITS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, (short) 32768};

    private final Width width;

    /** Kernels at the preferred vector width of this CPU (128, 256 or 512 bits). */
    public VectorKernels() {
        this(preferredBits());
    }

    /**
     * Kernels at a forced vector width; results are identical at every width.
     *
     * @param bits 128, 256 or 512 (wider than the hardware runs in software: correct but slow)
     * @throws IllegalArgumentException for any other width
     */
    public VectorKernels(int bits) {
        this.width = switch (bits) {
            case 128 -> new W128();
            case 256 -> new W256();
            case 512 -> new W512();
            default -> throw new IllegalArgumentException("vector width must be 128, 256 or 512 bits, got " + bits);
        };
    }

    /** The preferred float species width of this CPU, clamped to 128..512. */
    public static int preferredBits() {
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        return bits >= 512 ? 512 : bits >= 256 ? 256 : 128;
    }

    /** The vector width in bits. */
    public int bits() {
        return width.f().vectorBitSize();
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return width.dot(a, aOff, b, bOff, n);
    }

    @Override
    public float sum(float[] a, int aOff, int n) {
        return width.sum(a, aOff, n);
    }

    @Override
    public void prepare(GgmlType weightType, float[] x, int xOff, int n, Activations out) {
        ActivationQuantizer.prepare(weightType, x, xOff, n, out);
    }

    @Override
    public void matVec(WeightMatrix w, Activations act, float[] out, int outOff, int rowStart, int rowEnd) {
        ScalarKernels.checkPrepared(w, act);
        products(w, act, null, 1, out, outOff - rowStart, null, rowStart, rowEnd);
    }

    /**
     * Batches at least this large decode each quantized row once and reuse it per token, for types
     * without a two-row kernel. Types with one (Q4_0, Q4_1, Q8_0) are faster through their tiled
     * row kernels at every batch size measured (pp128 on the 0.76B model, 2 threads: Q4_0 45.9 vs
     * 38.7 t/s, Q8_0 36.7 vs 35.0; decode batches of 4 to 8 sequences twice as fast), so they never
     * take this path. Both paths give the same bits.
     */
    static final int LANE_ROW_MIN_TOKENS = 16;

    private static final ThreadLocal<LaneRow[]> LANE_ROWS = ThreadLocal.withInitial(() -> new LaneRow[] {new LaneRow(), new LaneRow()});
    private static final ThreadLocal<TokenColumns> TOKEN_COLUMNS = ThreadLocal.withInitial(TokenColumns::new);

    @Override
    public void matMul(WeightMatrix w, Activations[] acts, int count, float[][] out, int rowStart, int rowEnd) {
        for (int t = 0; t < count; t++) ScalarKernels.checkPrepared(w, acts[t]);
        if (w.type().quantized() && !Width.hasPairKernel(w.type()) && count >= LANE_ROW_MIN_TOKENS) {
            LaneRow[] rows = LANE_ROWS.get();
            width.matMulLanes(w, acts, count, out, rowStart, rowEnd, rows[0], rows[1], TOKEN_COLUMNS.get());
            return;
        }
        products(w, null, acts, count, null, 0, out, rowStart, rowEnd);
    }

    /** Bytes of weights copied to the heap at a time for a batch (a tile of whole rows; fits in L1). */
    static final int TILE_BYTES = 16 * 1024;

    /** Rows of one token's product copied to the heap at a time: a two-row kernel's pair. */
    static final int STREAM_ROWS = 2;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread heap copies of weight rows: the rows being evaluated, and the rows copied ahead of them. */
    private static final class Scratch {
        byte[] current = new byte[0];
        byte[] ahead = new byte[0];

        void ensure(int bytes, boolean both) {
            if (current.length < bytes) current = new byte[bytes];
            if (both && ahead.length < bytes) ahead = new byte[bytes];
        }

        void swap() {
            byte[] t = current;
            current = ahead;
            ahead = t;
        }
    }

    /**
     * Rows {@code [rowStart, rowEnd)} for one token ({@code one}, into {@code single[singleOff +
     * r]}) or for {@code count} tokens ({@code acts}, into {@code out[t][r]}). Quantized rows are
     * copied from the mapped segment into a per-thread heap array: the kernels then index a byte
     * array with int offsets, whose bounds checks the JIT hoists out of the block loops, where
     * each access to the segment would pay a long-indexed bounds check. Two rows per pass where
     * the type has a two-row kernel: the rows' block loops interleave, which hides the latency of
     * each row's chain of per-block fmas and shares the activation loads. Each row's arithmetic
     * is unchanged.
     */
    private void products(WeightMatrix w, Activations one, Activations[] acts, int count, float[] single, int singleOff, float[][] out, int rowStart, int rowEnd) {
        GgmlType t = w.type();
        long rowBytes = w.rowBytes();
        if (!t.quantized()) {
            for (int r = rowStart; r < rowEnd; r++) {
                for (int k = 0; k < count; k++) {
                    float v = width.floatRow(t, w.data(), r * rowBytes, one != null ? one : acts[k]);
                    if (single != null) single[singleOff + r] = v;
                    else out[k][r] = v;
                }
            }
            return;
        }
        if (count == 1 && t != GgmlType.Q8_0) stream(w, one != null ? one : acts[0], single != null ? single : out[0], single != null ? singleOff : 0, rowStart, rowEnd);
        else tiles(w, one, acts, count, single, singleOff, out, rowStart, rowEnd);
    }

    /**
     * One token: the rows are copied a pair at a time, and the next pair is copied before the
     * current one is evaluated. A bulk copy keeps many cache misses in flight, which the kernels'
     * own loads, spread over their arithmetic, cannot; and the current pair's evaluation does
     * not wait for the copy ahead of it, so part of that copy's memory latency overlaps with
     * arithmetic. A larger tile copied and then evaluated serializes the two.
     */
    private void stream(WeightMatrix w, Activations act, float[] out, int outOff, int rowStart, int rowEnd) {
        GgmlType t = w.type();
        long rowBytes = w.rowBytes();
        int rb = Math.toIntExact(rowBytes);
        boolean pairs = Width.hasPairKernel(t);
        Scratch sc = SCRATCH.get();
        sc.ensure(STREAM_ROWS * rb, true);
        int first = Math.min(STREAM_ROWS, rowEnd - rowStart);
        MemorySegment.copy(w.data(), ValueLayout.JAVA_BYTE, rowStart * rowBytes, sc.current, 0, first * rb);
        for (int r0 = rowStart; r0 < rowEnd; ) {
            int n = Math.min(STREAM_ROWS, rowEnd - r0);
            int following = Math.min(STREAM_ROWS, rowEnd - r0 - n);
            if (following > 0) MemorySegment.copy(w.data(), ValueLayout.JAVA_BYTE, (r0 + n) * rowBytes, sc.ahead, 0, following * rb);
            byte[] rows = sc.current;
            if (pairs && n == 2) {
                width.rowPair(t, rows, 0, rb, act, out, outOff + r0);
            } else {
                for (int r = 0; r < n; r++) out[outOff + r0 + r] = width.row(t, rows, r * rb, act);
            }
            sc.swap();
            r0 += n;
        }
    }

    /**
     * A batch, or one token of Q8_0: each tile of rows is copied once and evaluated for every
     * token. Q8_0's kernel is fast enough that a pair at a time gains nothing over tiles (2
     * threads: 13.4 against 14.5 GB/s), where Q4_0 gains 25 % and Q4_K 5 to 18 %.
     */
    private void tiles(WeightMatrix w, Activations one, Activations[] acts, int count, float[] single, int singleOff, float[][] out, int rowStart, int rowEnd) {
        GgmlType t = w.type();
        long rowBytes = w.rowBytes();
        int rb = Math.toIntExact(rowBytes);
        int tileRows = Math.max(1, Math.min(rowEnd - rowStart, TILE_BYTES / rb));
        if (tileRows > 1) tileRows &= ~1;
        boolean pairs = Width.hasPairKernel(t);
        Scratch sc = SCRATCH.get();
        sc.ensure(tileRows * rb, false);
        byte[] tile = sc.current;
        for (int r0 = rowStart; r0 < rowEnd; r0 += tileRows) {
            int n = Math.min(rowEnd, r0 + tileRows) - r0;
            MemorySegment.copy(w.data(), ValueLayout.JAVA_BYTE, r0 * rowBytes, tile, 0, n * rb);
            for (int k = 0; k < count; k++) {
                Activations a = one != null ? one : acts[k];
                float[] o = single != null ? single : out[k];
                int oo = (single != null ? singleOff : 0) + r0;
                int r = 0;
                if (pairs) {
                    for (; r + 1 < n; r += 2) width.rowPair(t, tile, r * rb, (r + 1) * rb, a, o, oo + r);
                }
                for (; r < n; r++) o[oo + r] = width.row(t, tile, r * rb, a);
            }
        }
    }

    @Override
    public void dequantizeRow(WeightMatrix w, int row, float[] out, int outOff) {
        Dequantizer.dequantizeRow(w, row, out, outOff);
    }

    /** 128-bit species. */
    private static final class W128 extends Width {
        static final VectorSpecies<Float> F = FloatVector.SPECIES_128;
        static final VectorSpecies<Short> H = ShortVector.SPECIES_64;
        static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
        static final VectorSpecies<Short> S = ShortVector.SPECIES_128;
        static final VectorSpecies<Integer> I = IntVector.SPECIES_128;

        VectorSpecies<Float> f() { return F; }
        VectorSpecies<Short> h() { return H; }
        VectorSpecies<Byte> b() { return B; }
        VectorSpecies<Short> s() { return S; }
        VectorSpecies<Integer> i() { return I; }
        VectorSpecies<Byte> bn() { return B; }
        VectorSpecies<Short> sn() { return S; }
        VectorSpecies<Integer> in() { return I; }
        VectorSpecies<Float> qf() { return F; }
    }

    /** 256-bit species. */
    private static final class W256 extends Width {
        static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
        static final VectorSpecies<Short> H = ShortVector.SPECIES_128;
        static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
        static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
        static final VectorSpecies<Integer> I = IntVector.SPECIES_256;

        VectorSpecies<Float> f() { return F; }
        VectorSpecies<Short> h() { return H; }
        VectorSpecies<Byte> b() { return B; }
        VectorSpecies<Short> s() { return S; }
        VectorSpecies<Integer> i() { return I; }
        VectorSpecies<Byte> bn() { return B; }
        VectorSpecies<Short> sn() { return S; }
        VectorSpecies<Integer> in() { return I; }
        VectorSpecies<Float> qf() { return F; }
    }

    /**
     * 512-bit species. The 32-element nibble formats (Q4_0, Q4_1, Q5_0, Q5_1) hold 16 bytes of
     * quants per block, which cannot fill a 32-lane step, so they use the 256-bit step here.
     */
    private static final class W512 extends Width {
        static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
        static final VectorSpecies<Short> H = ShortVector.SPECIES_256;
        static final VectorSpecies<Byte> B = ByteVector.SPECIES_256;
        static final VectorSpecies<Short> S = ShortVector.SPECIES_512;
        static final VectorSpecies<Integer> I = IntVector.SPECIES_512;

        VectorSpecies<Float> f() { return F; }
        VectorSpecies<Short> h() { return H; }
        VectorSpecies<Byte> b() { return B; }
        VectorSpecies<Short> s() { return S; }
        VectorSpecies<Integer> i() { return I; }
        VectorSpecies<Byte> bn() { return W256.B; }
        VectorSpecies<Short> sn() { return W256.S; }
        VectorSpecies<Integer> in() { return W256.I; }
        VectorSpecies<Float> qf() { return W256.F; }
    }

    /**
     * The kernels, written once against the species of a width. Naming: VL float lanes, L = short
     * lanes of the quantized step (byte species {@code b()} has L lanes, {@code i()} L/2 int lanes).
     */
    private abstract static sealed class Width permits W128, W256, W512 {
        /** Floats, W bits (VL lanes). */
        abstract VectorSpecies<Float> f();
        /** Shorts with VL lanes (F16/BF16 weights). */
        abstract VectorSpecies<Short> h();
        /** Bytes with L lanes (W/2 bits). */
        abstract VectorSpecies<Byte> b();
        /** Shorts, W bits (L lanes). */
        abstract VectorSpecies<Short> s();
        /** Ints, W bits (L/2 lanes). */
        abstract VectorSpecies<Integer> i();
        /** Byte / short / int species of the 32-element nibble formats (at most 16 short lanes). */
        abstract VectorSpecies<Byte> bn();
        abstract VectorSpecies<Short> sn();
        abstract VectorSpecies<Integer> in();
        /** Floats with one lane per int lane of {@code in()}: the quantized rows' accumulators. */
        abstract VectorSpecies<Float> qf();

        // ---- float reductions: 16 logical lanes in 16/VL accumulators ----

        final float dot(float[] a, int ao, float[] b, int bo, int n) {
            VectorSpecies<Float> sp = f();
            int vl = sp.length();
            FloatVector acc0 = FloatVector.zero(sp), acc1 = acc0, acc2 = acc0, acc3 = acc0;
            int bound = n & ~15;
            int i = 0;
            for (; i < bound; i += 16) {
                acc0 = FloatVector.fromArray(sp, a, ao + i).fma(FloatVector.fromArray(sp, b, bo + i), acc0);
                if (vl < 16) acc1 = FloatVector.fromArray(sp, a, ao + i + vl).fma(FloatVector.fromArray(sp, b, bo + i + vl), acc1);
                if (vl < 8) {
                    acc2 = FloatVector.fromArray(sp, a, ao + i + 8).fma(FloatVector.fromArray(sp, b, bo + i + 8), acc2);
                    acc3 = FloatVector.fromArray(sp, a, ao + i + 12).fma(FloatVector.fromArray(sp, b, bo + i + 12), acc3);
                }
            }
            if (i < n) {
                acc0 = dotTail(a, ao, b, bo, i, n, acc0);
                if (vl < 16) acc1 = dotTail(a, ao, b, bo, i + vl, n, acc1);
                if (vl < 8) {
                    acc2 = dotTail(a, ao, b, bo, i + 8, n, acc2);
                    acc3 = dotTail(a, ao, b, bo, i + 12, n, acc3);
                }
            }
            return fold(acc0, acc1, acc2, acc3);
        }

        private FloatVector dotTail(float[] a, int ao, float[] b, int bo, int i, int n, FloatVector acc) {
            VectorMask<Float> m = f().indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(f(), a, ao + i, m);
            FloatVector y = FloatVector.fromArray(f(), b, bo + i, m);
            return acc.blend(x.fma(y, acc), m);
        }

        final float sum(float[] a, int ao, int n) {
            VectorSpecies<Float> sp = f();
            int vl = sp.length();
            FloatVector acc0 = FloatVector.zero(sp), acc1 = acc0, acc2 = acc0, acc3 = acc0;
            int bound = n & ~15;
            int i = 0;
            for (; i < bound; i += 16) {
                acc0 = acc0.add(FloatVector.fromArray(sp, a, ao + i));
                if (vl < 16) acc1 = acc1.add(FloatVector.fromArray(sp, a, ao + i + vl));
                if (vl < 8) {
                    acc2 = acc2.add(FloatVector.fromArray(sp, a, ao + i + 8));
                    acc3 = acc3.add(FloatVector.fromArray(sp, a, ao + i + 12));
                }
            }
            if (i < n) {
                acc0 = sumTail(a, ao, i, n, acc0);
                if (vl < 16) acc1 = sumTail(a, ao, i + vl, n, acc1);
                if (vl < 8) {
                    acc2 = sumTail(a, ao, i + 8, n, acc2);
                    acc3 = sumTail(a, ao, i + 12, n, acc3);
                }
            }
            return fold(acc0, acc1, acc2, acc3);
        }

        private FloatVector sumTail(float[] a, int ao, int i, int n, FloatVector acc) {
            VectorMask<Float> m = f().indexInRange(i, n);
            return acc.blend(acc.add(FloatVector.fromArray(f(), a, ao + i, m)), m);
        }

        /**
         * The reference's fold16 on lanes held as acc0..acc3 (VL = 4), acc0..acc1 (VL = 8) or acc0
         * (VL = 16): each tree level adds lane l and lane l + width, which is a lane-wise vector add
         * while the width is at least VL, and scalar adds of extracted lanes below that.
         */
        private FloatVector foldVectors(FloatVector acc0, FloatVector acc1, FloatVector acc2, FloatVector acc3) {
            int vl = f().length();
            if (vl == 4) return acc0.add(acc2).add(acc1.add(acc3));
            if (vl == 8) return acc0.add(acc1);
            return acc0;
        }

        private float fold(FloatVector acc0, FloatVector acc1, FloatVector acc2, FloatVector acc3) {
            FloatVector v = foldVectors(acc0, acc1, acc2, acc3);
            int vl = f().length();
            if (vl == 4) return (v.lane(0) + v.lane(2)) + (v.lane(1) + v.lane(3));
            if (vl == 8) return fold8Lanes(v, 0);
            float p0 = v.lane(0) + v.lane(8), p1 = v.lane(1) + v.lane(9), p2 = v.lane(2) + v.lane(10), p3 = v.lane(3) + v.lane(11);
            float p4 = v.lane(4) + v.lane(12), p5 = v.lane(5) + v.lane(13), p6 = v.lane(6) + v.lane(14), p7 = v.lane(7) + v.lane(15);
            return ((p0 + p4) + (p2 + p6)) + ((p1 + p5) + (p3 + p7));
        }

        /**
         * The reference's fold8 of lanes {@code base .. base+7} of {@code v}, by lane extraction:
         * within-vector shifts ({@code slice}) are not always intrinsified, and their fallback
         * allocates.
         */
        private static float fold8Lanes(FloatVector v, int base) {
            float p0 = v.lane(base) + v.lane(base + 4), p1 = v.lane(base + 1) + v.lane(base + 5);
            float p2 = v.lane(base + 2) + v.lane(base + 6), p3 = v.lane(base + 3) + v.lane(base + 7);
            return (p0 + p2) + (p1 + p3);
        }

        // ---- rows ----

        /**
         * One quantized row at byte {@code o} of {@code s} (a heap copy of the weights: see
         * {@link VectorKernels#rows}). Each weight type has its own block loop so that the JIT
         * inlines the block's vector code into it (a shared loop over a type switch is too large to
         * inline). Every loop keeps the reference's 8 float lanes in one vector (two at 128 bits)
         * and folds them with {@link #fold8}.
         */
        final float row(GgmlType t, byte[] s, int o, Activations act) {
            return switch (t) {
                case Q8_0 -> rowQ8_0(s, o, act);
                case Q4_0 -> rowQ4(s, o, act, false);
                case Q4_1 -> rowQ4(s, o, act, true);
                case Q5_0 -> rowQ5(s, o, act, false);
                case Q5_1 -> rowQ5(s, o, act, true);
                case Q4_K -> rowQ4K(s, o, act);
                case Q5_K -> rowQ5K(s, o, act);
                case Q6_K -> rowQ6K(s, o, act);
                default -> throw new UnsupportedOperationException("no kernel for " + t);
            };
        }

        /** A float-weight row at byte {@code o} of the mapped segment. */
        final float floatRow(GgmlType t, MemorySegment s, long o, Activations act) {
            return floatRow(t, s, o, act.f32, act.n);
        }

        static boolean hasPairKernel(GgmlType t) {
            return t == GgmlType.Q4_0 || t == GgmlType.Q4_1 || t == GgmlType.Q8_0;
        }

        /** Rows at byte offsets {@code o0} and {@code o1} into {@code out[oi]} and {@code out[oi + 1]}. */
        final void rowPair(GgmlType t, byte[] s, int o0, int o1, Activations act, float[] out, int oi) {
            switch (t) {
                case Q8_0 -> rowPairQ8_0(s, o0, o1, act, out, oi);
                case Q4_0 -> rowPairQ4(s, o0, o1, act, false, out, oi);
                case Q4_1 -> rowPairQ4(s, o0, o1, act, true, out, oi);
                default -> {
                    out[oi] = row(t, s, o0, act);
                    out[oi + 1] = row(t, s, o1, act);
                }
            }
        }

        private float rowQ8_0(byte[] s, int o, Activations act) {
            int nb = act.n / 32;
            FloatVector acc0 = FloatVector.zero(qf()), acc1 = acc0;
            for (int b = 0; b < nb; b++) {
                int bo = o + 34 * b;
                FloatVector d = FloatVector.broadcast(qf(), f16(s, bo) * act.scale[b]);
                acc0 = toFloats(lanesQ8_0(s, bo + 2, act.q, 32 * b, 0)).fma(d, acc0);
                if (twoParts()) acc1 = toFloats(lanesQ8_0(s, bo + 2, act.q, 32 * b, 1)).fma(d, acc1);
            }
            return fold8(acc0, acc1) + 0f;
        }

        private void rowPairQ8_0(byte[] s, int o0, int o1, Activations act, float[] out, int oi) {
            int nb = act.n / 32;
            FloatVector a0 = FloatVector.zero(qf()), a1 = a0, b0 = a0, b1 = a0;
            for (int b = 0; b < nb; b++) {
                int pa = o0 + 34 * b, pb = o1 + 34 * b;
                float da = act.scale[b];
                FloatVector dA = FloatVector.broadcast(qf(), f16(s, pa) * da);
                FloatVector dB = FloatVector.broadcast(qf(), f16(s, pb) * da);
                a0 = toFloats(lanesQ8_0(s, pa + 2, act.q, 32 * b, 0)).fma(dA, a0);
                b0 = toFloats(lanesQ8_0(s, pb + 2, act.q, 32 * b, 0)).fma(dB, b0);
                if (twoParts()) {
                    a1 = toFloats(lanesQ8_0(s, pa + 2, act.q, 32 * b, 1)).fma(dA, a1);
                    b1 = toFloats(lanesQ8_0(s, pb + 2, act.q, 32 * b, 1)).fma(dB, b1);
                }
            }
            out[oi] = fold8(a0, a1) + 0f;
            out[oi + 1] = fold8(b0, b1) + 0f;
        }

        private float rowQ4(byte[] s, int o, Activations act, boolean withMin) {
            int nb = act.n / 32;
            int bytes = withMin ? 20 : 18;
            FloatVector acc0 = FloatVector.zero(qf()), acc1 = acc0;
            float m = 0f;
            for (int b = 0; b < nb; b++) {
                int bo = o + bytes * b;
                int qs = bo + (withMin ? 4 : 2);
                FloatVector d = FloatVector.broadcast(qf(), f16(s, bo) * act.scale[b]);
                acc0 = toFloats(lanesQ4(s, qs, act.qPairs, b, q4Start(act, b, withMin, 0), 0)).fma(d, acc0);
                if (twoParts()) acc1 = toFloats(lanesQ4(s, qs, act.qPairs, b, q4Start(act, b, withMin, 1), 1)).fma(d, acc1);
                if (withMin) m = Math.fma(f16(s, bo + 2), act.blockSum[b], m);
            }
            return fold8(acc0, acc1) + m;
        }

        private void rowPairQ4(byte[] s, int o0, int o1, Activations act, boolean withMin, float[] out, int oi) {
            int nb = act.n / 32;
            int bytes = withMin ? 20 : 18;
            int qo = withMin ? 4 : 2;
            FloatVector a0 = FloatVector.zero(qf()), a1 = a0, b0 = a0, b1 = a0;
            float ma = 0f, mb = 0f;
            for (int b = 0; b < nb; b++) {
                int pa = o0 + bytes * b, pb = o1 + bytes * b;
                float da = act.scale[b];
                FloatVector dA = FloatVector.broadcast(qf(), f16(s, pa) * da);
                FloatVector dB = FloatVector.broadcast(qf(), f16(s, pb) * da);
                IntVector start0 = q4Start(act, b, withMin, 0);
                a0 = toFloats(lanesQ4(s, pa + qo, act.qPairs, b, start0, 0)).fma(dA, a0);
                b0 = toFloats(lanesQ4(s, pb + qo, act.qPairs, b, start0, 0)).fma(dB, b0);
                if (twoParts()) {
                    IntVector start1 = q4Start(act, b, withMin, 1);
                    a1 = toFloats(lanesQ4(s, pa + qo, act.qPairs, b, start1, 1)).fma(dA, a1);
                    b1 = toFloats(lanesQ4(s, pb + qo, act.qPairs, b, start1, 1)).fma(dB, b1);
                }
                if (withMin) {
                    ma = Math.fma(f16(s, pa + 2), act.blockSum[b], ma);
                    mb = Math.fma(f16(s, pb + 2), act.blockSum[b], mb);
                }
            }
            out[oi] = fold8(a0, a1) + ma;
            out[oi + 1] = fold8(b0, b1) + mb;
        }

        /**
         * Start value of a Q4 block's packed lane sums ({@link #lanesQ4}): the rounding offset
         * 2^15, for Q4_0 plus its bias term {@code -8 * sum(q)} per lane in the upper half.
         */
        private IntVector q4Start(Activations act, int b, boolean withMin, int part) {
            if (withMin) return IntVector.broadcast(in(), 1 << 15);
            return IntVector.fromArray(in(), act.q4Bias, ScalarKernels.QUANT_LANES * b + part * in().length());
        }

        private float rowQ5(byte[] s, int o, Activations act, boolean withMin) {
            int nb = act.n / 32;
            int bytes = withMin ? 24 : 22;
            int bias = withMin ? 0 : 16;
            FloatVector acc0 = FloatVector.zero(qf()), acc1 = acc0;
            float m = 0f;
            for (int b = 0; b < nb; b++) {
                int bo = o + bytes * b;
                int hOff = bo + (withMin ? 4 : 2);
                FloatVector d = FloatVector.broadcast(qf(), f16(s, bo) * act.scale[b]);
                acc0 = toFloats(lanesQ5(s, hOff, act.q, 32 * b, bias, 0)).fma(d, acc0);
                if (twoParts()) acc1 = toFloats(lanesQ5(s, hOff, act.q, 32 * b, bias, 1)).fma(d, acc1);
                if (withMin) m = Math.fma(f16(s, bo + 2), act.blockSum[b], m);
            }
            return fold8(acc0, acc1) + m;
        }

        /**
         * Q4_K: group g (0..7) is nibble g mod 2 of quant bytes 32(g/2)... In steps of L = 8 or 16
         * short lanes (16 also at 512 bits), an int lane holds a zero-extended nibble pair and
         * one int multiply by the packed activation pair gives the pair's products summed in its
         * upper half (see {@link #lanesQ4}). Per group the chunks that land on the same int lanes
         * are added to the rounding offset 2^15 (at most 7,620 above, two cross terms of at most
         * 1,905 below), shifted down and multiplied by the group's scale. Lane sums are computed
         * inline: a vector returned from a call the JIT does not inline would be boxed.
         */
        private float rowQ4K(byte[] s, int o, Activations act) {
            VectorSpecies<Byte> bs = bn();
            VectorSpecies<Short> ss = sn();
            VectorSpecies<Integer> is = in();
            int len = ss.length();
            int parts = twoParts() ? 2 : 1;
            int step = parts * len;
            int nb = act.n / 256;
            int[] pairs = act.qPairs;
            IntVector half = IntVector.broadcast(is, 1 << 15);
            FloatVector acc0 = FloatVector.zero(qf()), acc1 = acc0;
            float m = 0f;
            for (int b = 0; b < nb; b++) {
                int bo = o + 144 * b;
                long scales = BlockFormat.kScales(s, bo + 4);
                FloatVector d = FloatVector.broadcast(qf(), f16(s, bo) * act.scale[b]);
                for (int part = 0; part < parts; part++) {
                    IntVector lanes = IntVector.zero(is);
                    for (int c = 0; c < 4; c++) {
                        IntVector g0 = half, g1 = half;
                        for (int e = part * len; e < 32; e += step) {
                            ShortVector v = (ShortVector) ByteVector.fromArray(bs, s, bo + 16 + 32 * c + e).convertShape(VectorOperators.ZERO_EXTEND_B2S, ss, 0);
                            int p = 128 * b + 32 * c + e / 2;
                            g0 = g0.add(v.and((short) 0x0F).reinterpretAsInts().mul(IntVector.fromArray(is, pairs, p)));
                            g1 = g1.add(v.lanewise(VectorOperators.LSHR, 4).reinterpretAsInts().mul(IntVector.fromArray(is, pairs, p + 16)));
                        }
                        lanes = lanes.add(g0.lanewise(VectorOperators.ASHR, 16).mul(BlockFormat.byteOf(scales, 2 * c)))
                                .add(g1.lanewise(VectorOperators.ASHR, 16).mul(BlockFormat.byteOf(scales, 2 * c + 1)));
                    }
                    FloatVector l = toFloats(lanes);
                    if (part == 0) acc0 = l.fma(d, acc0);
                    else acc1 = l.fma(d, acc1);
                }
                m = Math.fma(-(f16(s, bo + 2) * act.scale[b]), (float) minSumK(s, bo, act.groupSums, 8 * b), m);
            }
            return fold8(acc0, acc1) + m;
        }

        /** sum over groups j of min_j * (bsums[2j] + bsums[2j+1]) for Q4_K/Q5_K; exact in int. */
        private static int minSumK(byte[] s, int bo, int[] groupSums, int go) {
            long mins = BlockFormat.kMins(s, bo + 4);
            int sum = 0;
            for (int j = 0; j < 8; j++) sum += BlockFormat.byteOf(mins, j) * groupSums[go + j];
            return sum;
        }

        /**
         * Q5_K: group g (0..7) is nibble g mod 2 of quant bytes 32(g/2).. with bit g of the 32 qh
         * bytes above it; short products (at most 2 * 31 * 127), widened per group and scaled in
         * int lanes. Lane sums inline, as in {@link #rowQ4K}.
         */
        private float rowQ5K(byte[] s, int o, Activations act) {
            VectorSpecies<Short> ss = sn();
            int nb = act.n / 256;
            short[] q = act.q;
            FloatVector acc0 = FloatVector.zero(qf()), acc1 = acc0;
            float m = 0f;
            for (int b = 0; b < nb; b++) {
                int bo = o + 176 * b;
                int qs = bo + 48;
                long scales = BlockFormat.kScales(s, bo + 4);
                FloatVector d = FloatVector.broadcast(qf(), f16(s, bo) * act.scale[b]);
                for (int part = 0; part < (twoParts() ? 2 : 1); part++) {
                    int e = part * ss.length();
                    int qo = 256 * b + e;
                    IntVector lanes = IntVector.zero(in());
                    ShortVector h0 = loadShorts(bn(), ss, s, bo + 16 + e);
                    ShortVector h1 = loadShorts(bn(), ss, s, bo + 32 + e);
                    for (int c = 0; c < 4; c++) {
                        ShortVector v0 = loadShorts(bn(), ss, s, qs + 32 * c + e);
                        ShortVector v1 = loadShorts(bn(), ss, s, qs + 32 * c + 16 + e);
                        for (int k = 0; k < 2; k++) {
                            int g = 2 * c + k;
                            ShortVector w0 = v0.lanewise(VectorOperators.ASHR, 4 * k).and((short) 0x0F)
                                    .or(h0.lanewise(VectorOperators.ASHR, g).and((short) 1).lanewise(VectorOperators.LSHL, 4));
                            ShortVector w1 = v1.lanewise(VectorOperators.ASHR, 4 * k).and((short) 0x0F)
                                    .or(h1.lanewise(VectorOperators.ASHR, g).and((short) 1).lanewise(VectorOperators.LSHL, 4));
                            ShortVector p = w0.mul(ShortVector.fromArray(ss, q, qo + 32 * g)).add(w1.mul(ShortVector.fromArray(ss, q, qo + 32 * g + 16)));
                            lanes = lanes.add(widen(p).mul(BlockFormat.byteOf(scales, g)));
                        }
                    }
                    if (part == 0) acc0 = toFloats(lanes).fma(d, acc0);
                    else acc1 = toFloats(lanes).fma(d, acc1);
                }
                m = Math.fma(-(f16(s, bo + 2) * act.scale[b]), (float) minSumK(s, bo, act.groupSums, 8 * b), m);
            }
            return fold8(acc0, acc1) + m;
        }

        /**
         * Q6_K: element 128h + 32k + l is nibble k/2 of ql[64h + 32(k mod 2) + l] with bits
         * 2k..2k+1 of qh[32h + l] above it; each 16-element group has an int8 scale. Part p covers
         * elements [p*L, p*L + L) of every group. Lane sums inline, as in {@link #rowQ4K}.
         */
        private float rowQ6K(byte[] s, int o, Activations act) {
            VectorSpecies<Short> ss = sn();
            int nb = act.n / 256;
            short[] q = act.q;
            FloatVector acc0 = FloatVector.zero(qf()), acc1 = acc0;
            for (int b = 0; b < nb; b++) {
                int bo = o + 210 * b;
                FloatVector d = FloatVector.broadcast(qf(), f16(s, bo + 208) * act.scale[b]);
                for (int part = 0; part < (twoParts() ? 2 : 1); part++) {
                    int e = part * ss.length();
                    IntVector lanes = IntVector.zero(in());
                    for (int group = 0; group < 16; group++) {
                        // group = 8h + 2k + gg: elements 128h + 32k + 16gg + [e, e + L)
                        int h = group >>> 3, k = (group >>> 1) & 3, l = 16 * (group & 1) + e;
                        ShortVector lowBits = loadShorts(bn(), ss, s, bo + 64 * h + 32 * (k & 1) + l).lanewise(VectorOperators.ASHR, 4 * (k >>> 1)).and((short) 0x0F);
                        ShortVector highBits = loadShorts(bn(), ss, s, bo + 128 + 32 * h + l).lanewise(VectorOperators.ASHR, 2 * k).and((short) 3).lanewise(VectorOperators.LSHL, 4);
                        ShortVector w = lowBits.or(highBits).sub((short) 32);
                        int sc = s[bo + 192 + group];
                        lanes = lanes.add(widen(w.mul(ShortVector.fromArray(ss, q, 256 * b + 128 * h + 32 * k + l))).mul(sc));
                    }
                    if (part == 0) acc0 = toFloats(lanes).fma(d, acc0);
                    else acc1 = toFloats(lanes).fma(d, acc1);
                }
            }
            return fold8(acc0, acc1) + 0f;
        }

        /** Whether the 8 logical lanes of a quantized row take two vectors (128 bits) or one. */
        private boolean twoParts() {
            return qf().length() == 4;
        }

        private FloatVector toFloats(IntVector v) {
            return (FloatVector) v.convert(VectorOperators.I2F, 0);
        }

        /** The reference's fold8 on lanes 0..7 held in acc0 (8 lanes) or acc0 and acc1 (4 each). */
        private float fold8(FloatVector acc0, FloatVector acc1) {
            if (!twoParts()) return fold8Lanes(acc0, 0);
            FloatVector v = acc0.add(acc1);
            return (v.lane(0) + v.lane(2)) + (v.lane(1) + v.lane(3));
        }

        private float floatRow(GgmlType t, MemorySegment s, long o, float[] x, int n) {
            VectorSpecies<Float> sp = f();
            int vl = sp.length();
            int kind = t == GgmlType.F32 ? 0 : t == GgmlType.F16 ? 1 : 2;
            FloatVector acc0 = FloatVector.zero(sp), acc1 = acc0, acc2 = acc0, acc3 = acc0;
            int bound = n & ~15;
            int i = 0;
            for (; i < bound; i += 16) {
                acc0 = weights(kind, s, o, i).fma(FloatVector.fromArray(sp, x, i), acc0);
                if (vl < 16) acc1 = weights(kind, s, o, i + vl).fma(FloatVector.fromArray(sp, x, i + vl), acc1);
                if (vl < 8) {
                    acc2 = weights(kind, s, o, i + 8).fma(FloatVector.fromArray(sp, x, i + 8), acc2);
                    acc3 = weights(kind, s, o, i + 12).fma(FloatVector.fromArray(sp, x, i + 12), acc3);
                }
            }
            if (i < n) {
                acc0 = weightTail(kind, s, o, x, i, n, acc0);
                if (vl < 16) acc1 = weightTail(kind, s, o, x, i + vl, n, acc1);
                if (vl < 8) {
                    acc2 = weightTail(kind, s, o, x, i + 8, n, acc2);
                    acc3 = weightTail(kind, s, o, x, i + 12, n, acc3);
                }
            }
            return fold(acc0, acc1, acc2, acc3);
        }

        /** VL weights from element e: kind 0 = F32, 1 = F16, 2 = BF16. */
        private FloatVector weights(int kind, MemorySegment s, long o, int e) {
            if (kind == 0) return FloatVector.fromMemorySegment(f(), s, o + 4L * e, LE);
            ShortVector h = ShortVector.fromMemorySegment(h(), s, o + 2L * e, LE);
            return widenHalf(kind, h);
        }

        private FloatVector weightTail(int kind, MemorySegment s, long o, float[] x, int i, int n, FloatVector acc) {
            VectorMask<Float> m = f().indexInRange(i, n);
            FloatVector w;
            if (kind == 0) {
                w = FloatVector.fromMemorySegment(f(), s, o + 4L * i, LE, m);
            } else {
                VectorMask<Short> hm = h().indexInRange(i, n);
                w = widenHalf(kind, ShortVector.fromMemorySegment(h(), s, o + 2L * i, LE, hm));
            }
            return acc.blend(w.fma(FloatVector.fromArray(f(), x, i, m), acc), m);
        }

        /**
         * Exact 16-bit to float conversion. BF16: the bits shifted up. F16: magnitude bits moved to
         * float position and scaled by 2^112 (exact for normals and subnormals), exponent forced to
         * all ones for infinities and NaNs, then the sign: the same bits as Float.float16ToFloat.
         */
        private FloatVector widenHalf(int kind, ShortVector h) {
            IntVector v = (IntVector) h.convertShape(VectorOperators.S2I, i(), 0);
            if (kind == 2) return v.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            IntVector em = v.and(0x7fff);
            IntVector mag = em.lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
            mag = mag.lanewise(VectorOperators.OR, 0x7f800000, em.compare(VectorOperators.GE, 0x7c00));
            return mag.or(v.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
        }

        // ---- batched quantized rows: decode once, then exact float lane sums per token ----

        /**
         * Each row is decoded into a {@link LaneRow} (integer weights as floats in lane order),
         * then every token's 8 lane sums per block are float fmas over exact integers (each partial
         * sum is an integer below 2^24) and so equal the canonical {@code L[k]}; the float lanes,
         * the min term and the fold are the reference's.
         */
        final void matMulLanes(WeightMatrix w, Activations[] acts, int count, float[][] out, int rowStart, int rowEnd, LaneRow row, LaneRow other, TokenColumns columns) {
            GgmlType t = w.type();
            int n = w.cols();
            int nb = n / t.blockSize();
            int chunks = t.blockSize() / 32;
            long rowBytes = w.rowBytes();
            row.ensure(n, count);
            other.ensure(n, count);
            columns.load(t, acts, count, nb, qf().length());
            int r = rowStart;
            for (; r + 1 < rowEnd; r += 2) {
                decode(t, w.data(), r * rowBytes, n, row);
                decode(t, w.data(), (r + 1) * rowBytes, n, other);
                minTerms(t, row, columns, nb, count);
                minTerms(t, other, columns, nb, count);
                int tok = 0;
                for (; tok + 4 <= count; tok += 4) {
                    lanes2x4(row, other, acts[tok], acts[tok + 1], acts[tok + 2], acts[tok + 3], nb, chunks);
                    for (int i = 0; i < 4; i++) {
                        out[tok + i][r] = ScalarKernels.fold8(row.lanes, 8 * i) + row.minTerms[tok + i];
                        out[tok + i][r + 1] = ScalarKernels.fold8(other.lanes, 8 * i) + other.minTerms[tok + i];
                    }
                }
                for (; tok < count; tok++) {
                    lanes1(row, acts[tok], nb, chunks);
                    out[tok][r] = ScalarKernels.fold8(row.lanes, 0) + row.minTerms[tok];
                    lanes1(other, acts[tok], nb, chunks);
                    out[tok][r + 1] = ScalarKernels.fold8(other.lanes, 0) + other.minTerms[tok];
                }
            }
            for (; r < rowEnd; r++) {
                decode(t, w.data(), r * rowBytes, n, row);
                minTerms(t, row, columns, nb, count);
                int tok = 0;
                for (; tok + 4 <= count; tok += 4) {
                    lanes4(row, acts[tok], acts[tok + 1], acts[tok + 2], acts[tok + 3], nb, chunks);
                    for (int i = 0; i < 4; i++) out[tok + i][r] = ScalarKernels.fold8(row.lanes, 8 * i) + row.minTerms[tok + i];
                }
                for (; tok < count; tok++) {
                    lanes1(row, acts[tok], nb, chunks);
                    out[tok][r] = ScalarKernels.fold8(row.lanes, 0) + row.minTerms[tok];
                }
            }
        }

        /**
         * The canonical min terms {@code m} of a decoded row for every token of the batch
         * (docs/determinism.md), into {@code row.minTerms}: Q4_1/Q5_1 {@code fma(mw, S, m)},
         * Q4_K/Q5_K {@code fma(-(dmin * D), summ, m)} block by block; 0 for the other types. The
         * tokens are the vector lanes, so each lane does the reference's scalar operations in its
         * order. A K block's {@code summ}, the exact integer dot product of its 8 group mins with
         * the token's group sums, is summed in int lanes. Taken one token at a time, with a lane
         * reduction per block, the K min terms cost a fifth of a Q4_K prompt's time.
         */
        private void minTerms(GgmlType t, LaneRow row, TokenColumns c, int nb, int count) {
            VectorSpecies<Float> fs = qf();
            VectorSpecies<Integer> is = in();
            int stride = c.stride;
            float[] m = row.minTerms;
            switch (t) {
                case Q4_1, Q5_1 -> {
                    for (int t0 = 0; t0 < count; t0 += fs.length()) {
                        FloatVector acc = FloatVector.zero(fs);
                        for (int b = 0; b < nb; b++) acc = FloatVector.broadcast(fs, row.min[b]).fma(FloatVector.fromArray(fs, c.blockSum, b * stride + t0), acc);
                        acc.intoArray(m, t0);
                    }
                }
                case Q4_K, Q5_K -> {
                    int[] mins = row.groupMins, sums = c.groupSums;
                    for (int t0 = 0; t0 < count; t0 += fs.length()) {
                        FloatVector acc = FloatVector.zero(fs);
                        for (int b = 0; b < nb; b++) {
                            int g = 8 * b;
                            IntVector s = IntVector.fromArray(is, sums, g * stride + t0).mul(mins[g]);
                            for (int j = 1; j < 8; j++) s = s.add(IntVector.fromArray(is, sums, (g + j) * stride + t0).mul(mins[g + j]));
                            FloatVector coefficient = FloatVector.fromArray(fs, c.scale, b * stride + t0).mul(row.min[b]).neg();
                            acc = coefficient.fma(toFloats(s), acc);
                        }
                        acc.intoArray(m, t0);
                    }
                }
                default -> java.util.Arrays.fill(m, 0, count, 0f);
            }
        }

        private void decode(GgmlType t, MemorySegment s, long o, int n, LaneRow row) {
            switch (t) {
                case Q8_0 -> decodeQ8_0(s, o, n, row);
                case Q4_0 -> decodeQ4_0(s, o, n, row);
                case Q4_K -> decodeQ4K(s, o, n, row);
                default -> row.decode(t, s, o, n);
            }
        }

        /**
         * Stores short lanes holding elements [pL, pL + L) ({@code lo}) and [16 + pL, ...)
         * ({@code hi}) of the chunk at {@code c} in lane order: even elements are the low halves
         * of int lanes, odd ones the high halves.
         */
        private void storeLanes(ShortVector lo, ShortVector hi, float[] out, int c, int part) {
            int off = c + part * (sn().length() / 2);
            IntVector a = lo.reinterpretAsInts(), b = hi.reinterpretAsInts();
            toFloats(a.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(out, off);
            toFloats(a.lanewise(VectorOperators.ASHR, 16)).intoArray(out, off + 8);
            toFloats(b.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(out, off + 16);
            toFloats(b.lanewise(VectorOperators.ASHR, 16)).intoArray(out, off + 24);
        }

        private void decodeQ8_0(MemorySegment s, long o, int n, LaneRow row) {
            VectorSpecies<Short> ss = sn();
            for (int b = 0; b < n / 32; b++) {
                long bo = o + 34L * b;
                row.scale[b] = f16(s, bo);
                for (int part = 0; part < (twoParts() ? 2 : 1); part++) {
                    int e = part * ss.length();
                    storeLanes(loadShorts(bn(), ss, s, bo + 2 + e), loadShorts(bn(), ss, s, bo + 18 + e), row.weights, 32 * b, part);
                }
            }
        }

        private void decodeQ4_0(MemorySegment s, long o, int n, LaneRow row) {
            VectorSpecies<Short> ss = sn();
            for (int b = 0; b < n / 32; b++) {
                long bo = o + 18L * b;
                row.scale[b] = f16(s, bo);
                for (int part = 0; part < (twoParts() ? 2 : 1); part++) {
                    ShortVector v = loadShorts(bn(), ss, s, bo + 2 + part * ss.length());
                    ShortVector lo = v.and((short) 0x0F).sub((short) 8);
                    ShortVector hi = v.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).sub((short) 8);
                    storeLanes(lo, hi, row.weights, 32 * b, part);
                }
            }
        }

        /** Q4_K: group g's 4-bit values times its 6-bit scale (at most 945, exact in short lanes). */
        private void decodeQ4K(MemorySegment s, long o, int n, LaneRow row) {
            for (int b = 0; b < n / 256; b++) {
                long bo = o + 144L * b;
                row.decodeKFields(s, bo, b);
                long scales = BlockFormat.kScales(s, bo + 4);
                for (int part = 0; part < (twoParts() ? 2 : 1); part++) {
                    for (int g = 0; g < 8; g++) {
                        decodeQ4KGroup(s, bo + 16 + 32 * (g / 2), 4 * (g & 1), (short) BlockFormat.byteOf(scales, g), row.weights, 256 * b + 32 * g, part);
                    }
                }
            }
        }

        /**
         * One 32-element group of a Q4_K block: nibble {@code shift / 4} of the 32 bytes at
         * {@code q}, times the group's scale, stored in lane order. Self-contained, with no vector
         * parameters: a vector passed to a method the JIT compiles on its own has no exact type
         * there, so its operations fall back to allocating Java code; with all eight groups in
         * one method the JIT stopped inlining (NodeCountInliningCutoff) and did just that.
         */
        private void decodeQ4KGroup(MemorySegment s, long q, int shift, short scale, float[] out, int at, int part) {
            VectorSpecies<Short> ss = sn();
            int e = part * ss.length();
            ShortVector lo = loadShorts(bn(), ss, s, q + e).lanewise(VectorOperators.ASHR, shift).and((short) 0x0F).mul(scale);
            ShortVector hi = loadShorts(bn(), ss, s, q + 16 + e).lanewise(VectorOperators.ASHR, shift).and((short) 0x0F).mul(scale);
            int off = at + part * (ss.length() / 2);
            IntVector a = lo.reinterpretAsInts(), b = hi.reinterpretAsInts();
            toFloats(a.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(out, off);
            toFloats(a.lanewise(VectorOperators.ASHR, 16)).intoArray(out, off + 8);
            toFloats(b.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(out, off + 16);
            toFloats(b.lanewise(VectorOperators.ASHR, 16)).intoArray(out, off + 24);
        }

        /** Lane sums of four tokens against a decoded row, into {@code row.lanes[8i .. 8i+7]}. */
        private void lanes4(LaneRow row, Activations a0, Activations a1, Activations a2, Activations a3, int nb, int chunks) {
            VectorSpecies<Float> fs = qf();
            float[] w = row.weights;
            float[] x0 = a0.lanes, x1 = a1.lanes, x2 = a2.lanes, x3 = a3.lanes;
            for (int part = 0; part < (twoParts() ? 2 : 1); part++) {
                int p = part * fs.length();
                FloatVector acc0 = FloatVector.zero(fs), acc1 = acc0, acc2 = acc0, acc3 = acc0;
                for (int b = 0; b < nb; b++) {
                    FloatVector t0 = FloatVector.zero(fs), t1 = t0, t2 = t0, t3 = t0;
                    for (int c = 0; c < chunks; c++) {
                        for (int j = 0; j < 4; j++) {
                            int e = 32 * (b * chunks + c) + 8 * j + p;
                            FloatVector wv = FloatVector.fromArray(fs, w, e);
                            t0 = wv.fma(FloatVector.fromArray(fs, x0, e), t0);
                            t1 = wv.fma(FloatVector.fromArray(fs, x1, e), t1);
                            t2 = wv.fma(FloatVector.fromArray(fs, x2, e), t2);
                            t3 = wv.fma(FloatVector.fromArray(fs, x3, e), t3);
                        }
                    }
                    float d = row.scale[b];
                    acc0 = t0.fma(FloatVector.broadcast(fs, d * a0.scale[b]), acc0);
                    acc1 = t1.fma(FloatVector.broadcast(fs, d * a1.scale[b]), acc1);
                    acc2 = t2.fma(FloatVector.broadcast(fs, d * a2.scale[b]), acc2);
                    acc3 = t3.fma(FloatVector.broadcast(fs, d * a3.scale[b]), acc3);
                }
                acc0.intoArray(row.lanes, p);
                acc1.intoArray(row.lanes, 8 + p);
                acc2.intoArray(row.lanes, 16 + p);
                acc3.intoArray(row.lanes, 24 + p);
            }
        }

        /**
         * {@link #lanes4} for two decoded rows at once: a register tile of 2 rows x 4 tokens, so
         * each activation load serves two rows (6 loads per 8 fmas instead of 5 per 4).
         */
        private void lanes2x4(LaneRow ra, LaneRow rb, Activations a0, Activations a1, Activations a2, Activations a3, int nb, int chunks) {
            VectorSpecies<Float> fs = qf();
            float[] wa = ra.weights, wb = rb.weights;
            float[] x0 = a0.lanes, x1 = a1.lanes, x2 = a2.lanes, x3 = a3.lanes;
            for (int part = 0; part < (twoParts() ? 2 : 1); part++) {
                int p = part * fs.length();
                FloatVector ca0 = FloatVector.zero(fs), ca1 = ca0, ca2 = ca0, ca3 = ca0, cb0 = ca0, cb1 = ca0, cb2 = ca0, cb3 = ca0;
                for (int b = 0; b < nb; b++) {
                    FloatVector ta0 = FloatVector.zero(fs), ta1 = ta0, ta2 = ta0, ta3 = ta0, tb0 = ta0, tb1 = ta0, tb2 = ta0, tb3 = ta0;
                    int end = 32 * (b + 1) * chunks;
                    for (int e = 32 * b * chunks + p; e < end; e += 8) {
                        FloatVector va = FloatVector.fromArray(fs, wa, e), vb = FloatVector.fromArray(fs, wb, e);
                        FloatVector y = FloatVector.fromArray(fs, x0, e);
                        ta0 = va.fma(y, ta0);
                        tb0 = vb.fma(y, tb0);
                        y = FloatVector.fromArray(fs, x1, e);
                        ta1 = va.fma(y, ta1);
                        tb1 = vb.fma(y, tb1);
                        y = FloatVector.fromArray(fs, x2, e);
                        ta2 = va.fma(y, ta2);
                        tb2 = vb.fma(y, tb2);
                        y = FloatVector.fromArray(fs, x3, e);
                        ta3 = va.fma(y, ta3);
                        tb3 = vb.fma(y, tb3);
                    }
                    float da = ra.scale[b], db = rb.scale[b];
                    float s0 = a0.scale[b], s1 = a1.scale[b], s2 = a2.scale[b], s3 = a3.scale[b];
                    ca0 = ta0.fma(FloatVector.broadcast(fs, da * s0), ca0);
                    ca1 = ta1.fma(FloatVector.broadcast(fs, da * s1), ca1);
                    ca2 = ta2.fma(FloatVector.broadcast(fs, da * s2), ca2);
                    ca3 = ta3.fma(FloatVector.broadcast(fs, da * s3), ca3);
                    cb0 = tb0.fma(FloatVector.broadcast(fs, db * s0), cb0);
                    cb1 = tb1.fma(FloatVector.broadcast(fs, db * s1), cb1);
                    cb2 = tb2.fma(FloatVector.broadcast(fs, db * s2), cb2);
                    cb3 = tb3.fma(FloatVector.broadcast(fs, db * s3), cb3);
                }
                ca0.intoArray(ra.lanes, p);
                ca1.intoArray(ra.lanes, 8 + p);
                ca2.intoArray(ra.lanes, 16 + p);
                ca3.intoArray(ra.lanes, 24 + p);
                cb0.intoArray(rb.lanes, p);
                cb1.intoArray(rb.lanes, 8 + p);
                cb2.intoArray(rb.lanes, 16 + p);
                cb3.intoArray(rb.lanes, 24 + p);
            }
        }

        private void lanes1(LaneRow row, Activations a, int nb, int chunks) {
            VectorSpecies<Float> fs = qf();
            for (int part = 0; part < (twoParts() ? 2 : 1); part++) {
                int p = part * fs.length();
                FloatVector acc = FloatVector.zero(fs);
                for (int b = 0; b < nb; b++) {
                    FloatVector t = FloatVector.zero(fs);
                    for (int e = 32 * b * chunks + p; e < 32 * (b + 1) * chunks; e += 8) {
                        t = FloatVector.fromArray(fs, row.weights, e).fma(FloatVector.fromArray(fs, a.lanes, e), t);
                    }
                    acc = t.fma(FloatVector.broadcast(fs, row.scale[b] * a.scale[b]), acc);
                }
                acc.intoArray(row.lanes, p);
            }
        }

        // ---- integer lane sums of one block (exact) ----
        // Part p of a block covers block elements [p*L, p*L + L) and [16 + p*L, 16 + p*L + L) for
        // L short lanes (16, or 8 at 128 bits); their pairwise-widened products are the
        // reference's logical lanes 4p.. (128 bits) or 0..7.

        /** Pairs of adjacent short lanes added into int lanes. */
        private static IntVector widen(ShortVector p) {
            IntVector v = p.reinterpretAsInts();
            return v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).add(v.lanewise(VectorOperators.ASHR, 16));
        }

        /** Bytes of a mapped segment at {@code o}, sign-extended to short lanes. */
        private static ShortVector loadShorts(VectorSpecies<Byte> bs, VectorSpecies<Short> ss, MemorySegment s, long o) {
            return (ShortVector) ByteVector.fromMemorySegment(bs, s, o, LE).convertShape(VectorOperators.B2S, ss, 0);
        }

        /** Bytes of a row copy at {@code o}, sign-extended to short lanes. */
        private static ShortVector loadShorts(VectorSpecies<Byte> bs, VectorSpecies<Short> ss, byte[] s, int o) {
            return (ShortVector) ByteVector.fromArray(bs, s, o).convertShape(VectorOperators.B2S, ss, 0);
        }

        /** Q8_0: two products of at most 128 * 127 share a short lane. */
        private IntVector lanesQ8_0(byte[] s, int qs, short[] q, int qo, int part) {
            VectorSpecies<Short> ss = sn();
            int e = part * ss.length();
            ShortVector p = loadShorts(bn(), ss, s, qs + e).mul(ShortVector.fromArray(ss, q, qo + e))
                    .add(loadShorts(bn(), ss, s, qs + 16 + e).mul(ShortVector.fromArray(ss, q, qo + 16 + e)));
            return widen(p);
        }

        /**
         * Q4_0 / Q4_1 lane sums of part {@code part} of block {@code b}. The bytes are
         * zero-extended to short lanes (x86 has no byte shifts), so an int lane holds the
         * non-negative nibble pair {@code (w[2j+1] << 16) | w[2j]}; one int multiply by the packed
         * activation pair {@code (q[2j] << 16) + q[2j+1]} yields {@code (w[2j] q[2j] + w[2j+1]
         * q[2j+1]) << 16} plus the cross term {@code w[2j] q[2j+1]} (|.| <= 15 * 127) modulo
         * 2^32. Low and high nibbles are added to {@code start} (2^15, plus Q4_0's bias term
         * {@code -8 sum(q)} shifted up); the upper half of the total is then the exact lane sum:
         * it stays within +-11,684, and the low half, 2^15 plus two cross terms, within [0, 2^16).
         */
        private IntVector lanesQ4(byte[] s, int qs, int[] pairs, int b, IntVector start, int part) {
            VectorSpecies<Short> ss = sn();
            int e = part * ss.length();
            ShortVector v = (ShortVector) ByteVector.fromArray(bn(), s, qs + e).convertShape(VectorOperators.ZERO_EXTEND_B2S, ss, 0);
            IntVector lo = v.and((short) 0x0F).reinterpretAsInts();
            IntVector hi = v.lanewise(VectorOperators.LSHR, 4).reinterpretAsInts();
            int p = 16 * b + e / 2;
            IntVector sum = start.add(lo.mul(IntVector.fromArray(in(), pairs, p))).add(hi.mul(IntVector.fromArray(in(), pairs, p + 8)));
            return sum.lanewise(VectorOperators.ASHR, 16);
        }

        /** Q5_0 (bias 16) / Q5_1 (bias 0): the fifth bit of element i is bit i of qh. */
        private IntVector lanesQ5(byte[] s, int hOff, short[] q, int qo, int bias, int part) {
            VectorSpecies<Short> ss = sn();
            int e = part * ss.length();
            int qh = BlockFormat.i32(s, hOff);
            ShortVector bitMask = ShortVector.fromArray(ss, BITS, 0);
            ShortVector v = loadShorts(bn(), ss, s, hOff + 4 + e);
            VectorMask<Short> loHigh = ShortVector.broadcast(ss, (short) (qh >>> e)).and(bitMask).compare(VectorOperators.NE, 0);
            VectorMask<Short> hiHigh = ShortVector.broadcast(ss, (short) (qh >>> (16 + e))).and(bitMask).compare(VectorOperators.NE, 0);
            ShortVector lo = v.and((short) 0x0F).add(ShortVector.zero(ss).blend((short) 16, loHigh)).sub((short) bias);
            ShortVector hi = v.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).add(ShortVector.zero(ss).blend((short) 16, hiHigh)).sub((short) bias);
            return widen(lo.mul(ShortVector.fromArray(ss, q, qo + e)).add(hi.mul(ShortVector.fromArray(ss, q, qo + 16 + e))));
        }
    }
}
