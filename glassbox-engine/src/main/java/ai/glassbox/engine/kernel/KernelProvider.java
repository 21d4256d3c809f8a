package ai.glassbox.engine.kernel;

import java.lang.System.Logger.Level;

/**
 * Chooses the kernels once per JVM: {@code -Dglassbox.kernels=scalar|vector} forces a choice;
 * otherwise the Vector API implementation is used when the {@code jdk.incubator.vector} module is
 * present, else the scalar reference. Both give bit-identical results.
 */
public final class KernelProvider {
    private KernelProvider() {}

    /** The kernels for this JVM. */
    public static Kernels kernels() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Kernels INSTANCE = lookup();

        private static Kernels lookup() {
            var log = System.getLogger("ai.glassbox.engine.kernel");
            String forced = System.getProperty("glassbox.kernels", "").trim();
            if (forced.equals("scalar")) {
                log.log(Level.DEBUG, "kernels: scalar (forced by -Dglassbox.kernels)");
                return new ScalarKernels();
            }
            boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
            if (!vectorModule) {
                if (forced.equals("vector")) throw new IllegalStateException("-Dglassbox.kernels=vector but the JVM lacks --add-modules jdk.incubator.vector");
                log.log(Level.DEBUG, "kernels: scalar (jdk.incubator.vector not present)");
                return new ScalarKernels();
            }
            log.log(Level.DEBUG, "kernels: vector");
            return new VectorKernels();
        }
    }
}
