/**
 * Numeric kernels: matrix-vector products over GGUF weight types, activation quantization and
 * float reductions, in a scalar reference ({@link ai.glassbox.engine.kernel.ScalarKernels}) and a
 * Vector API implementation ({@link ai.glassbox.engine.kernel.VectorKernels}) that agree bit for
 * bit. The canonical order of every reduction is written down in docs/determinism.md. Internal to
 * the engine; never exported.
 */
package ai.glassbox.engine.kernel;
