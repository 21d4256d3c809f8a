package ai.glassbox.engine.kernel;

import java.lang.System.Logger.Level;

/**
 * Chooses the kernels once per JVM: {@code -Dglassbox.kernels=scalar|vector} forces a choice;
 * otherwise the Vector API implementation is used when the {@code jdk.incubator.vector} module is
 * present, else the scalar reference. {@code -Dglassbox.vector.bits=128|256|512} forces the vector
 * width (default: the CPU's preferred species). All choices give bit-identical results.
 */
public final class KernelProvider {
    private KernelProvider() {}

    /** The kernels for this JVM. */
    public static Kernels kernels() {
        return Holder.INSTANCE;
    }

    /** The chosen implementation in words: {@code scalar} or {@code vector N-bit}. */
    public static String description() {
        return switch (Holder.INSTANCE) {
            case ScalarKernels s -> "scalar";
            case VectorKernels v -> "vector " + v.bits() + "-bit";
        };
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
            if (!forced.isEmpty() && !forced.equals("vector")) {
                throw new IllegalArgumentException("-Dglassbox.kernels must be scalar or vector, got '" + forced + "'");
            }
            boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
            if (!vectorModule) {
                if (forced.equals("vector")) throw new IllegalStateException("-Dglassbox.kernels=vector but the JVM lacks --add-modules jdk.incubator.vector");
                log.log(Level.DEBUG, "kernels: scalar (jdk.incubator.vector not present)");
                return new ScalarKernels();
            }
            String bits = System.getProperty("glassbox.vector.bits", "").trim();
            if (bits.isEmpty()) {
                VectorKernels k = new VectorKernels();
                log.log(Level.DEBUG, "kernels: vector, " + k.bits() + " bits (preferred species)");
                return k;
            }
            int forcedBits;
            try {
                forcedBits = Integer.parseInt(bits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-Dglassbox.vector.bits must be 128, 256 or 512, got '" + bits + "'", e);
            }
            log.log(Level.DEBUG, "kernels: vector, " + forcedBits + " bits (forced by -Dglassbox.vector.bits)");
            return new VectorKernels(forcedBits);
        }
    }
}
