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
 * each block's integer dot product in short and int lanes (exact, so any lane order gives the same
 * integer) and then combine blocks with the reference's scalar float epilogue.
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
        long rowBytes = w.rowBytes();
        for (int r = rowStart; r < rowEnd; r++) out[outOff + r - rowStart] = width.row(w.type(), w.data(), r * rowBytes, act);
    }

    @Override
    public void matMul(WeightMatrix w, Activations[] acts, int count, float[][] out, int rowStart, int rowEnd) {
        for (int t = 0; t < count; t++) ScalarKernels.checkPrepared(w, acts[t]);
        long rowBytes = w.rowBytes();
        for (int r = rowStart; r < rowEnd; r++) {
            for (int t = 0; t < count; t++) out[t][r] = width.row(w.type(), w.data(), r * rowBytes, acts[t]);
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
         * while the width is at least VL, and a slice-and-add inside one vector below that.
         */
        private FloatVector foldVectors(FloatVector acc0, FloatVector acc1, FloatVector acc2, FloatVector acc3) {
            int vl = f().length();
            if (vl == 4) return acc0.add(acc2).add(acc1.add(acc3));
            if (vl == 8) return acc0.add(acc1);
            return acc0;
        }

        private float fold(FloatVector acc0, FloatVector acc1, FloatVector acc2, FloatVector acc3) {
            FloatVector v = foldVectors(acc0, acc1, acc2, acc3);
            for (int w = f().length() / 2; w >= 1; w /= 2) v = v.add(v.slice(w));
            return v.lane(0);
        }

        // ---- rows ----

        /**
         * One row. Each weight type has its own block loop so that the JIT inlines the block's
         * vector code into it (a shared loop over a type switch is too large to inline). Every
         * loop sends block b to accumulator b mod 4 and folds with {@link ScalarKernels#fold4}.
         */
        final float row(GgmlType t, MemorySegment s, long o, Activations act) {
            return switch (t) {
                case F32, F16, BF16 -> floatRow(t, s, o, act.f32, act.n);
                case Q8_0 -> rowQ8_0(s, o, act);
                case Q4_0 -> rowQ4(s, o, act, false);
                case Q4_1 -> rowQ4(s, o, act, true);
                case Q5_0 -> rowQ5(s, o, act, false);
                case Q5_1 -> rowQ5(s, o, act, true);
                case Q4_K -> rowQ45K(s, o, act, false);
                case Q5_K -> rowQ45K(s, o, act, true);
                case Q6_K -> rowQ6K(s, o, act);
                default -> throw new UnsupportedOperationException("no kernel for " + t);
            };
        }

        private float rowQ8_0(MemorySegment s, long o, Activations act) {
            int nb = act.n / 32;
            float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f;
            for (int b = 0; b < nb; b++) {
                long bo = o + 34L * b;
                float acc = ScalarKernels.accumulate32(f16(s, bo), act.scale[b], sumQ8_0(s, bo + 2, act.q, 32 * b), a0);
                a0 = a1;
                a1 = a2;
                a2 = a3;
                a3 = acc;
            }
            return foldRotated(nb, a0, a1, a2, a3);
        }

        private float rowQ4(MemorySegment s, long o, Activations act, boolean withMin) {
            int nb = act.n / 32;
            int bytes = withMin ? 20 : 18;
            float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f;
            for (int b = 0; b < nb; b++) {
                long bo = o + (long) bytes * b;
                float acc = a0;
                acc = withMin
                        ? ScalarKernels.accumulate32(f16(s, bo), act.scale[b], sumQ4(s, bo + 4, act.q, 32 * b, 0), f16(s, bo + 2), act.blockSum[b], acc)
                        : ScalarKernels.accumulate32(f16(s, bo), act.scale[b], sumQ4(s, bo + 2, act.q, 32 * b, 8), acc);
                a0 = a1;
                a1 = a2;
                a2 = a3;
                a3 = acc;
            }
            return foldRotated(nb, a0, a1, a2, a3);
        }

        private float rowQ5(MemorySegment s, long o, Activations act, boolean withMin) {
            int nb = act.n / 32;
            int bytes = withMin ? 24 : 22;
            float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f;
            for (int b = 0; b < nb; b++) {
                long bo = o + (long) bytes * b;
                float acc = a0;
                acc = withMin
                        ? ScalarKernels.accumulate32(f16(s, bo), act.scale[b], sumQ5(s, bo + 4, act.q, 32 * b, 0), f16(s, bo + 2), act.blockSum[b], acc)
                        : ScalarKernels.accumulate32(f16(s, bo), act.scale[b], sumQ5(s, bo + 2, act.q, 32 * b, 16), acc);
                a0 = a1;
                a1 = a2;
                a2 = a3;
                a3 = acc;
            }
            return foldRotated(nb, a0, a1, a2, a3);
        }

        private float rowQ45K(MemorySegment s, long o, Activations act, boolean fifthBit) {
            int nb = act.n / 256;
            int bytes = fifthBit ? 176 : 144;
            float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f;
            for (int b = 0; b < nb; b++) {
                long bo = o + (long) bytes * b;
                int sumi = sumQ45K(s, bo, act.q, 256 * b, fifthBit);
                int summ = ScalarKernels.minSumK(s, bo, act.bsums, 16 * b);
                float acc = ScalarKernels.accumulateK(f16(s, bo), f16(s, bo + 2), act.scale[b], sumi, summ, a0);
                a0 = a1;
                a1 = a2;
                a2 = a3;
                a3 = acc;
            }
            return foldRotated(nb, a0, a1, a2, a3);
        }

        private float rowQ6K(MemorySegment s, long o, Activations act) {
            int nb = act.n / 256;
            float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f;
            for (int b = 0; b < nb; b++) {
                long bo = o + 210L * b;
                float acc = ScalarKernels.accumulateK(f16(s, bo + 208), act.scale[b], sumQ6K(s, bo, act.q, 256 * b), a0);
                a0 = a1;
                a1 = a2;
                a2 = a3;
                a3 = acc;
            }
            return foldRotated(nb, a0, a1, a2, a3);
        }

        /**
         * The block loops keep the four accumulators in a queue (a0 is the one of the next block,
         * block b's result joins the back), which saves a switch per block; after nb blocks the
         * accumulator of blocks b mod 4 == 0 sits at queue position (-nb) mod 4.
         */
        private static float foldRotated(int nb, float a0, float a1, float a2, float a3) {
            return switch (nb & 3) {
                case 0 -> ScalarKernels.fold4(a0, a1, a2, a3);
                case 1 -> ScalarKernels.fold4(a3, a0, a1, a2);
                case 2 -> ScalarKernels.fold4(a2, a3, a0, a1);
                default -> ScalarKernels.fold4(a1, a2, a3, a0);
            };
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

        // ---- integer block sums (exact; lane order is free) ----

        /** Pairs of adjacent short lanes added into int lanes. */
        private static IntVector widen(ShortVector p) {
            IntVector v = p.reinterpretAsInts();
            return v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).add(v.lanewise(VectorOperators.ASHR, 16));
        }

        /**
         * Q8_0: products are at most 128 * 127 in magnitude, so two of them still fit a short lane.
         * The helpers below keep one call site per helper: the JIT must inline them all, or the
         * vectors crossing a call would be boxed.
         */
        private int sumQ8_0(MemorySegment s, long qs, short[] q, int qo) {
            VectorSpecies<Short> ss = s();
            int l = ss.length();
            int step = Math.min(2 * l, 32);
            IntVector acc = IntVector.zero(i());
            for (int j = 0; j < 32; j += step) {
                ShortVector p = loadShorts(b(), ss, s, qs + j).mul(ShortVector.fromArray(ss, q, qo + j));
                if (step > l) p = p.add(loadShorts(b(), ss, s, qs + j + l).mul(ShortVector.fromArray(ss, q, qo + j + l)));
                acc = acc.add(widen(p));
            }
            return acc.reduceLanes(VectorOperators.ADD);
        }

        /**
         * Q4_0 (bias 8) / Q4_1 (bias 0): at most 4 products of magnitude up to 15 * 127 per short
         * lane. Nibbles are split in short lanes: x86 has no byte shifts.
         */
        private int sumQ4(MemorySegment s, long qs, short[] q, int qo, int bias) {
            VectorSpecies<Short> ss = sn();
            ShortVector p = ShortVector.zero(ss);
            for (int j = 0; j < 16; j += ss.length()) {
                ShortVector v = loadShorts(bn(), ss, s, qs + j);
                ShortVector lo = v.and((short) 0x0F).sub((short) bias);
                ShortVector hi = v.lanewise(VectorOperators.ASHR, 4).and((short) 0x0F).sub((short) bias);
                p = p.add(lo.mul(ShortVector.fromArray(ss, q, qo + j))).add(hi.mul(ShortVector.fromArray(ss, q, qo + 16 + j)));
            }
            return widen(p).reduceLanes(VectorOperators.ADD);
        }

        /** Bytes at {@code o}, sign-extended to short lanes. */
        private static ShortVector loadShorts(VectorSpecies<Byte> bs, VectorSpecies<Short> ss, MemorySegment s, long o) {
            return (ShortVector) ByteVector.fromMemorySegment(bs, s, o, LE).convertShape(VectorOperators.B2S, ss, 0);
        }

        /** Q5_0 (bias 16) / Q5_1 (bias 0); products up to 31 * 127, widened every step. */
        private int sumQ5(MemorySegment s, long hOff, short[] q, int qo, int bias) {
            VectorSpecies<Short> ss = sn();
            int qh = s.get(BlockFormat.I32, hOff);
            ShortVector bitMask = ShortVector.fromArray(ss, BITS, 0);
            IntVector acc = IntVector.zero(in());
            // element e = 16k + j + lane: nibble k of byte j + lane, fifth bit e of qh
            for (int e = 0; e < 32; e += ss.length()) {
                int k = e >>> 4;
                ShortVector v = loadShorts(bn(), ss, s, hOff + 4 + (e & 15)).lanewise(VectorOperators.ASHR, 4 * k).and((short) 0x0F);
                VectorMask<Short> high = ShortVector.broadcast(ss, (short) (qh >>> e)).and(bitMask).compare(VectorOperators.NE, 0);
                ShortVector w = v.add(ShortVector.zero(ss).blend((short) 16, high)).sub((short) bias);
                acc = acc.add(widen(w.mul(ShortVector.fromArray(ss, q, qo + e))));
            }
            return acc.reduceLanes(VectorOperators.ADD);
        }

        /**
         * Q4_K / Q5_K: group g (0..7) of 32 elements is nibble g mod 2 of quant bytes 32(g/2)..;
         * short-lane products, widened once per group and scaled in int lanes.
         */
        private int sumQ45K(MemorySegment s, long o, short[] q, int qo, boolean fifthBit) {
            VectorSpecies<Short> ss = s();
            long qsOff = o + (fifthBit ? 48 : 16);
            IntVector acc = IntVector.zero(i());
            long scales = BlockFormat.kScales(s, o + 4);
            for (int g = 0; g < 8; g++) {
                int c = g >>> 1, k = g & 1;
                ShortVector p = ShortVector.zero(ss);
                for (int j = 0; j < 32; j += ss.length()) {
                    ShortVector w = loadShorts(b(), ss, s, qsOff + 32 * c + j).lanewise(VectorOperators.ASHR, 4 * k).and((short) 0x0F);
                    if (fifthBit) w = w.or(loadShorts(b(), ss, s, o + 16 + j).lanewise(VectorOperators.ASHR, g).and((short) 1).lanewise(VectorOperators.LSHL, 4));
                    p = p.add(w.mul(ShortVector.fromArray(ss, q, qo + 32 * g + j)));
                }
                acc = acc.add(widen(p).mul(BlockFormat.byteOf(scales, g)));
            }
            return acc.reduceLanes(VectorOperators.ADD);
        }

        /**
         * Q6_K: quarter k (0..3) of half h holds elements 128h + 32k + l: nibble k/2 of
         * ql[64h + 32(k mod 2) + l] and bits 2k..2k+1 of qh[32h + l]; int8 scale per 16 elements.
         */
        private int sumQ6K(MemorySegment s, long o, short[] q, int qo) {
            VectorSpecies<Short> ss = s();
            int l = ss.length();
            IntVector acc = IntVector.zero(i());
            for (int hk = 0; hk < 8; hk++) {
                int h = hk >>> 2, k = hk & 3;
                for (int j = 0; j < 32; j += l) {
                    ShortVector lowBits = loadShorts(b(), ss, s, o + 64 * h + 32 * (k & 1) + j).lanewise(VectorOperators.ASHR, 4 * (k >>> 1)).and((short) 0x0F);
                    ShortVector highBits = loadShorts(b(), ss, s, o + 128 + 32 * h + j).lanewise(VectorOperators.ASHR, 2 * k).and((short) 3).lanewise(VectorOperators.LSHL, 4);
                    ShortVector w = lowBits.or(highBits).sub((short) 32);
                    IntVector p = widen(w.mul(ShortVector.fromArray(ss, q, qo + 128 * h + 32 * k + j)));
                    long sc = o + 192 + 8 * h + 2 * k + j / 16;
                    int s0 = s.get(ValueLayout.JAVA_BYTE, sc);
                    IntVector scale = IntVector.broadcast(i(), s0);
                    // 32 short lanes span two 16-element scale groups: int lanes 8..15 take the next scale.
                    if (l == 32) scale = scale.blend(s.get(ValueLayout.JAVA_BYTE, sc + 1), VectorMask.fromLong(i(), 0xFF00L));
                    acc = acc.add(p.mul(scale));
                }
            }
            return acc.reduceLanes(VectorOperators.ADD);
        }
    }
}
