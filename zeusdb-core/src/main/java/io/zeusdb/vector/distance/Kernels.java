package io.zeusdb.vector.distance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the distance kernels once per JVM: the Vector API implementation when the
 * {@code jdk.incubator.vector} module is present (run with {@code --add-modules
 * jdk.incubator.vector}) and the CPU offers at least 128-bit vectors, the scalar one otherwise.
 * Setting the system property {@code zeusdb.kernels=scalar} forces the fallback.
 */
public final class Kernels {

    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
    private static final VectorKernels BEST = choose();

    private Kernels() {}

    /** The kernels chosen at startup. */
    public static VectorKernels best() {
        return BEST;
    }

    /** The scalar reference kernels. */
    public static VectorKernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /** The Vector API kernels, or {@code null} when this JVM cannot run them. */
    public static VectorKernels panamaOrNull() {
        try {
            if (PanamaKernels.vectorBits() >= 128) {
                return PanamaKernels.INSTANCE;
            }
        } catch (LinkageError e) {
            // module jdk.incubator.vector not added to this JVM
        }
        return null;
    }

    private static VectorKernels choose() {
        if ("scalar".equalsIgnoreCase(System.getProperty("zeusdb.kernels"))) {
            LOG.debug("distance kernels: scalar (forced by zeusdb.kernels=scalar)");
            return ScalarKernels.INSTANCE;
        }
        VectorKernels panama = panamaOrNull();
        if (panama != null) {
            LOG.debug("distance kernels: {} (Vector API)", panama.name());
            return panama;
        }
        LOG.debug("distance kernels: scalar (add --add-modules jdk.incubator.vector for SIMD)");
        return ScalarKernels.INSTANCE;
    }
}
