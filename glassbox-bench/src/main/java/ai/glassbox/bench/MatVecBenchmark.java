package ai.glassbox.bench;

import ai.glassbox.engine.gguf.GgmlType;
import ai.glassbox.engine.kernel.Activations;
import ai.glassbox.engine.kernel.Kernels;
import ai.glassbox.engine.kernel.ScalarKernels;
import ai.glassbox.engine.kernel.VectorKernels;
import ai.glassbox.engine.kernel.WeightMatrix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One matrix-vector product (or a batch of {@code tokens} of them) per invocation on one thread, over off-heap random weights of each
 * type. GB/s of weight bytes = rows * rowBytes / (average time); see the printed bytes per op.
 *
 * <p>Run: {@code ./mvnw -q -pl glassbox-bench -am package -DskipTests}, then {@code java
 * --add-modules jdk.incubator.vector -cp <jmh + engine + bench classes> org.openjdk.jmh.Main
 * MatVecBenchmark -f 1 -wi 2 -i 3 -p type=Q4_0,Q8_0}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatVecBenchmark {
    @Param({"Q4_0", "Q8_0", "Q4_K", "Q6_K", "Q4_1", "Q5_0", "Q5_1", "Q5_K", "F32", "F16", "BF16"})
    public String type;

    /** rows x cols. */
    @Param({"2048x2048", "5632x2048"})
    public String shape;

    @Param({"vector", "scalar"})
    public String impl;

    /** Tokens per product: 1 is matVec (generation), more is matMul (prompt processing). */
    @Param({"1", "128"})
    public int tokens;

    private Arena arena;
    private WeightMatrix matrix;
    private Kernels kernels;
    private Activations act;
    private float[] out;
    private Activations[] acts;
    private float[][] outs;

    @Setup(Level.Trial)
    public void setUp() {
        GgmlType t = GgmlType.valueOf(type);
        int rows = Integer.parseInt(shape.substring(0, shape.indexOf('x')));
        int cols = Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
        arena = Arena.ofConfined();
        long bytes = rows * t.byteSize(cols);
        MemorySegment data = arena.allocate(bytes, 64);
        SplittableRandom rnd = new SplittableRandom(42);
        for (long i = 0; i < bytes; i++) data.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt(256));
        fixHalves(t, data, bytes, rnd);
        matrix = new WeightMatrix("bench", t, data, rows, cols);
        kernels = impl.equals("scalar") ? new ScalarKernels() : new VectorKernels();
        float[] x = new float[cols];
        for (int i = 0; i < cols; i++) x[i] = (float) rnd.nextGaussian();
        act = new Activations(cols);
        kernels.prepare(t, x, 0, cols, act);
        out = new float[rows];
        acts = new Activations[tokens];
        outs = new float[tokens][rows];
        for (int t2 = 0; t2 < tokens; t2++) {
            for (int i = 0; i < cols; i++) x[i] = (float) rnd.nextGaussian();
            acts[t2] = new Activations(cols);
            kernels.prepare(t, x, 0, cols, acts[t2]);
        }
        System.out.printf("%n# %s %s: %d weight bytes per op%n", type, shape, bytes);
    }

    /** Random bytes are fine as quants, but fp16 scales and float weights must be finite. */
    private static void fixHalves(GgmlType t, MemorySegment data, long bytes, SplittableRandom rnd) {
        var i16 = ValueLayout.JAVA_SHORT_UNALIGNED;
        switch (t) {
            case F32 -> {
                for (long o = 0; o < bytes; o += 4) data.set(ValueLayout.JAVA_FLOAT_UNALIGNED, o, (float) rnd.nextGaussian());
            }
            case F16 -> {
                for (long o = 0; o < bytes; o += 2) data.set(i16, o, Float.floatToFloat16((float) rnd.nextGaussian()));
            }
            case BF16 -> {
                for (long o = 0; o < bytes; o += 2) data.set(i16, o, (short) (Float.floatToRawIntBits((float) rnd.nextGaussian()) >>> 16));
            }
            default -> {
                long[] offsets = switch (t) {
                    case Q8_0, Q4_0, Q5_0 -> new long[] {0};
                    case Q6_K -> new long[] {208};
                    default -> new long[] {0, 2};
                };
                for (long b = 0; b < bytes; b += t.bytesPerBlock()) {
                    for (long f : offsets) data.set(i16, b + f, Float.floatToFloat16((float) (rnd.nextGaussian() * 0.01)));
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public Object product() {
        if (tokens == 1) {
            kernels.matVec(matrix, act, out, 0, 0, matrix.rows());
            return out;
        }
        kernels.matMul(matrix, acts, tokens, outs, 0, matrix.rows());
        return outs;
    }
}
