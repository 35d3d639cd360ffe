package io.zeusdb.bench;

import java.util.List;

/** The records a child JVM reports and the parent collects, one JSON line each. */
public final class Results {

    private Results() {}

    /** Prefix of a result line on a child's stdout, so stray library output cannot be mistaken for one. */
    public static final String LINE_PREFIX = "@zdb-bench ";

    /**
     * What ran: the library's own description and the JVM it ran in.
     *
     * @param lib      library name
     * @param describe API, distance implementation and parameter mapping
     * @param jvm      JVM version and flags
     */
    public record Info(String lib, String describe, String jvm) {}

    /**
     * One index build.
     *
     * @param lib           library name
     * @param threads       build threads
     * @param seconds       wall-clock seconds
     * @param cpuSeconds    process CPU seconds over the build (all threads, GC and JIT included)
     * @param heapBytes     heap held after the build (GC'd heap delta against the state before it)
     * @param reportedBytes the library's own estimate, or -1
     * @param vectors       rows indexed
     */
    public record Build(String lib, int threads, double seconds, double cpuSeconds, long heapBytes,
                        long reportedBytes, int vectors) {}

    /**
     * One search width of one library, single-threaded, best of the timed passes.
     *
     * @param lib        library name
     * @param filter     filter label, or {@code null} for the unfiltered comparison
     * @param ef         search width (0 for the exact scan)
     * @param recall     recall@k against the exact answer
     * @param qps        queries per wall-clock second in the best pass
     * @param cpuQps     queries per CPU second of the search thread in that pass
     * @param p50Micros  median latency in that pass
     * @param p99Micros  99th percentile latency in that pass
     * @param passQps    wall QPS of every timed pass, in order
     * @param spreadPct  (best - worst) / best of the passes, in percent
     */
    public record Search(String lib, String filter, int ef, double recall, double qps, double cpuQps,
                         double p50Micros, double p99Micros, List<Double> passQps, double spreadPct) {}

    /**
     * A child that failed.
     *
     * @param lib     library name
     * @param message what went wrong
     */
    public record Failure(String lib, String message) {}
}
