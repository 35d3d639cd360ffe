package io.zeusdb.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times single-threaded search passes the way a noisy shared machine needs: a warm-up of a few hundred queries per
 * search width, then {@code passes} rounds that each visit every width in turn (so a burst of
 * load from a neighbour hits all widths alike rather than one), keeping each width's best pass
 * and reporting the spread. Next to wall time it reads the search thread's own CPU time
 * ({@link ThreadMXBean}), which a neighbour's load barely moves.
 */
public final class SearchTimer {

    /** One query: row ids of the top k, best first. */
    @FunctionalInterface
    public interface Query {
        /** Answers query {@code q} at width {@code ef}. */
        int[] run(float[] q, int ef) throws Exception;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_QUERIES = 300;

    private SearchTimer() {}

    /** The measurements of one width. */
    private static final class Best {
        long wallNanos = Long.MAX_VALUE;
        long cpuNanos;
        long[] latencies;
        int[][] found;
        final List<Double> passQps = new ArrayList<>();
    }

    /**
     * Measures every width in {@code efs} and returns one result per width, in order.
     *
     * @param truth exact top-k per query, for recall
     */
    public static List<Results.Search> measure(String lib, String filter, int[] efs, float[][] queries, int[][] truth,
                                               int k, int passes, Query query) throws Exception {
        int nq = queries.length;
        // warm-up (JIT, caches), discarded: a few hundred queries per width are enough to reach C2,
        // and a full pass would add a third to the run time of the widest widths for nothing
        float[][] warm = java.util.Arrays.copyOf(queries, Math.min(queries.length, WARM_UP_QUERIES));
        for (int ef : efs) {
            runPass(warm, ef, query);
        }
        Best[] best = new Best[efs.length];
        for (int i = 0; i < efs.length; i++) {
            best[i] = new Best();
        }
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < efs.length; i++) {
                Pass pass = runPass(queries, efs[i], query);
                Best b = best[i];
                b.passQps.add(nq / (pass.wallNanos / 1e9));
                if (pass.wallNanos < b.wallNanos) {
                    b.wallNanos = pass.wallNanos;
                    b.cpuNanos = pass.cpuNanos;
                    b.latencies = pass.latencies;
                    b.found = pass.found;
                }
            }
        }
        List<Results.Search> out = new ArrayList<>();
        for (int i = 0; i < efs.length; i++) {
            Best b = best[i];
            long[] lat = b.latencies.clone();
            Arrays.sort(lat);
            double max = b.passQps.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double min = b.passQps.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            out.add(new Results.Search(lib, filter, efs[i], Truth.recall(b.found, truth, k),
                    nq / (b.wallNanos / 1e9), b.cpuNanos > 0 ? nq / (b.cpuNanos / 1e9) : Double.NaN,
                    percentile(lat, 0.50) / 1e3, percentile(lat, 0.99) / 1e3, List.copyOf(b.passQps),
                    max > 0 ? 100 * (max - min) / max : 0));
        }
        return out;
    }

    /** The value at quantile {@code q} of sorted {@code values} (nearest rank). */
    static double percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private record Pass(long wallNanos, long cpuNanos, long[] latencies, int[][] found) {}

    private static Pass runPass(float[][] queries, int ef, Query query) throws Exception {
        int nq = queries.length;
        long[] lat = new long[nq];
        int[][] found = new int[nq][];
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < nq; i++) {
            long t0 = System.nanoTime();
            found[i] = query.run(queries[i], ef);
            lat[i] = System.nanoTime() - t0;
        }
        long wall = System.nanoTime() - wall0;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        return new Pass(wall, cpu, lat, found);
    }
}
