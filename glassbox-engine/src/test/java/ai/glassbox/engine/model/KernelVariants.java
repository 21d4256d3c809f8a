package ai.glassbox.engine.model;

import ai.glassbox.engine.kernel.ScalarKernels;
import java.util.List;

/**
 * Kernel implementations run in-process beside the JVM's own choice. Vector widths are not mixed
 * in one JVM: a second species makes the JIT give up intrinsifying the vector code. Each width
 * gets its own surefire execution instead ({@code -Dglassbox.vector.bits}, see the engine pom),
 * and every run compares against the same reference digests.
 */
final class KernelVariants {
    private KernelVariants() {}

    static List<DeterminismTest.Variant> all() {
        return List.of(new DeterminismTest.Variant("scalar kernels", 2, 32, new ScalarKernels()));
    }
}
