/**
 * Tensor element encodings: {@link ai.glassbox.engine.tensor.Quantizer} turns float rows into
 * ggml's block formats with ggml's reference algorithms, and {@link ai.glassbox.engine.tensor.Dequantizer}
 * turns blocks back into floats. Both are scalar references that define the expected bytes and
 * values; fast kernels live elsewhere and are tested against them.
 */
package ai.glassbox.engine.tensor;
