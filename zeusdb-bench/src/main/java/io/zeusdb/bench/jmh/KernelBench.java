package io.zeusdb.bench.jmh;

import io.zeusdb.vector.distance.Kernels;
import io.zeusdb.vector.distance.VectorKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ZeusDB's distance kernels ({@link Kernels#best()}, the Vector API, against
 * {@link Kernels#scalar()}) on one pair of vectors, in operations per second. Both vectors stay
 * in L1 (at most 12 KB), so this is the kernels' compute ceiling, not the memory-bound rate of a
 * graph search that touches a new vector each time; {@link JmhCommand} turns it into GFLOP/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class KernelBench {

    /** Vector width. */
    @Param({"128", "384", "768", "1536"})
    public int dim;

    /** {@code vector} (Vector API) or {@code scalar}. */
    @Param({"vector", "scalar"})
    public String impl;

    private float[] a;
    private float[] b;
    private VectorKernels kernels;

    /** Random vectors and the chosen kernels; fails when the Vector API is unavailable. */
    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        a = new float[dim];
        b = new float[dim];
        for (int i = 0; i < dim; i++) {
            a[i] = (float) rnd.nextDouble(-1, 1);
            b[i] = (float) rnd.nextDouble(-1, 1);
        }
        kernels = "scalar".equals(impl) ? Kernels.scalar() : Kernels.panamaOrNull();
        if (kernels == null) {
            throw new IllegalStateException("Vector API kernels unavailable: run with --add-modules jdk.incubator.vector");
        }
    }

    /** Inner product: {@code 2 * dim} flops. */
    @Benchmark
    public float dot() {
        return kernels.dot(a, 0, b, 0, dim);
    }

    /** Squared L2: {@code 3 * dim} flops (sub, mul, add). */
    @Benchmark
    public float l2() {
        return kernels.squaredL2(a, 0, b, 0, dim);
    }

    /** L1: {@code 3 * dim} flops (sub, abs, add). */
    @Benchmark
    public float l1() {
        return kernels.l1(a, 0, b, 0, dim);
    }
}
