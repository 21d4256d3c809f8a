package ai.glassbox.engine.model;

import ai.glassbox.engine.kernel.ScalarKernels;
import java.util.List;

/** The kernel implementations every determinism test runs: the scalar reference and each vector width. */
final class KernelVariants {
    private KernelVariants() {}

    static List<DeterminismTest.Variant> all() {
        return List.of(new DeterminismTest.Variant("scalar kernels", 2, 32, new ScalarKernels()));
    }
}
