package io.zeusdb.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one {@code compare} run measured, and its Markdown rendering: per-ef recall and QPS,
 * builds and heap, QPS at equal recall with ZeusDB's ratio to the best peer, and the filtered
 * comparison.
 *
 * @param config    the run's parameters, as given
 * @param infos     what each library ran as
 * @param builds    every build
 * @param searches  every measured search width, unfiltered and filtered
 * @param filters   the filters of the filtered comparison
 * @param failures  children that failed
 * @param seconds   wall-clock duration of the whole run
 */
public record Report(Map<String, Object> config, List<Results.Info> infos, List<Results.Build> builds,
                     List<Results.Search> searches, List<FilterSpec> filters, List<Results.Failure> failures,
                     double seconds) {

    /** The library whose ratio to its peers is reported. */
    public static final String OURS = "zeusdb";
    /** Not a peer: the exact scan is the floor every graph must beat. */
    public static final String FLOOR = "exact";

    /** Libraries in the order they were run. */
    public List<String> libs() {
        List<String> out = new ArrayList<>();
        for (Results.Info i : infos) {
            if (!out.contains(i.lib())) {
                out.add(i.lib());
            }
        }
        return out;
    }

    /** The unfiltered (recall, QPS) points of {@code lib}; {@code cpu} picks CPU-time QPS. */
    public List<EqualRecall.Point> points(String lib, String filter, boolean cpu) {
        List<EqualRecall.Point> out = new ArrayList<>();
        for (Results.Search s : searches) {
            if (s.lib().equals(lib) && java.util.Objects.equals(s.filter(), filter)) {
                out.add(new EqualRecall.Point(s.recall(), cpu ? s.cpuQps() : s.qps()));
            }
        }
        return out;
    }

    /**
     * QPS at each target recall per library, and ZeusDB's ratio to the best peer (wall and CPU).
     * Keys: library name, then {@code "best peer"}, {@code "ratio"}, {@code "ratio (CPU)"}.
     */
    public Map<Double, Map<String, Object>> equalRecall() {
        Map<Double, Map<String, Object>> out = new LinkedHashMap<>();
        for (double target : EqualRecall.TARGETS) {
            Map<String, Object> row = new LinkedHashMap<>();
            String bestPeer = null;
            double best = Double.NaN;
            double bestCpu = Double.NaN;
            for (String lib : libs()) {
                double q = EqualRecall.qpsAt(points(lib, null, false), target);
                row.put(lib, q);
                double qc = EqualRecall.qpsAt(points(lib, null, true), target);
                if (!lib.equals(OURS) && !lib.equals(FLOOR)) {
                    if (!Double.isNaN(q) && (Double.isNaN(best) || q > best)) {
                        best = q;
                        bestPeer = lib;
                    }
                    if (!Double.isNaN(qc) && (Double.isNaN(bestCpu) || qc > bestCpu)) {
                        bestCpu = qc;
                    }
                }
            }
            double ours = EqualRecall.qpsAt(points(OURS, null, false), target);
            double oursCpu = EqualRecall.qpsAt(points(OURS, null, true), target);
            row.put("best peer", bestPeer);
            row.put("ratio", ours / best);
            row.put("ratio (CPU)", oursCpu / bestCpu);
            out.put(target, row);
        }
        return out;
    }

    /** The whole report as Markdown (what {@code compare} prints and writes to results.md). */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# ZeusDB side-by-side comparison\n\n");
        sb.append("Data `").append(config.get("data")).append("`: ").append(config.get("vectors")).append(" vectors x ")
                .append(config.get("dim")).append(", ").append(config.get("queries")).append(" queries; M=")
                .append(config.get("m")).append(", ef_construction=").append(config.get("efConstruction"))
                .append(", k=").append(config.get("k")).append(", build threads=").append(config.get("threads"))
                .append(", passes=").append(config.get("passes")).append(" (best kept), ")
                .append(config.get("cpus")).append(" CPUs. Run took ").append(fmt(seconds / 60, 1)).append(" min.\n\n");

        sb.append("## Recall and single-thread QPS per ef\n\n");
        sb.append("QPS is the best timed pass by wall clock; QPS (CPU) is queries per CPU-second of the search thread in that pass;"
                + " spread is (best - worst) / best over the passes.\n\n");
        searchTable(sb, null);

        sb.append("\n## Build and heap\n\n");
        sb.append("| library | build 1 thread (s) | build ").append(config.get("threads"))
                .append(" threads (s) | speed-up | CPU s (").append(config.get("threads"))
                .append(" threads) | heap held (MB) | bytes/vector | library's own estimate (MB) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        int threads = ((Number) config.get("threads")).intValue();
        for (String lib : libs()) {
            Results.Build one = build(lib, 1);
            Results.Build many = threads > 1 ? build(lib, threads) : one;
            if (one == null && many == null) {
                continue;
            }
            Results.Build last = many != null ? many : one;
            sb.append("| ").append(lib).append(" | ").append(one == null ? "-" : fmt(one.seconds(), 2))
                    .append(" | ").append(many == null ? "-" : fmt(many.seconds(), 2))
                    .append(" | ").append(one != null && many != null ? fmt(one.seconds() / many.seconds(), 2) + "x" : "-")
                    .append(" | ").append(fmt(last.cpuSeconds(), 1))
                    .append(" | ").append(fmt(last.heapBytes() / 1e6, 1))
                    .append(" | ").append(fmt((double) last.heapBytes() / last.vectors(), 0))
                    .append(" | ").append(last.reportedBytes() < 0 ? "-" : fmt(last.reportedBytes() / 1e6, 1))
                    .append(" |\n");
        }
        Results.Build ours1 = build(OURS, 1);
        Results.Build oursN = build(OURS, threads);
        for (String peer : libs()) {
            if (peer.equals(OURS) || peer.equals(FLOOR)) {
                continue;
            }
            Results.Build p1 = build(peer, 1);
            Results.Build pN = build(peer, threads);
            if (ours1 != null && p1 != null) {
                sb.append(threads > 1 && oursN != null && pN != null
                        ? String.format(Locale.ROOT, "\nBuild time ratio zeusdb / %s: %.2f (1 thread), %.2f (%d threads).",
                                peer, ours1.seconds() / p1.seconds(), oursN.seconds() / pN.seconds(), threads)
                        : String.format(Locale.ROOT, "\nBuild time ratio zeusdb / %s: %.2f (1 thread).",
                                peer, ours1.seconds() / p1.seconds()));
            }
        }
        sb.append("\n\n## QPS at equal recall\n\n");
        sb.append("Interpolated between measured ef points (log-QPS linear in recall, on each library's Pareto frontier);"
                + " \"-\" = not reached. Ratio = zeusdb / best peer (exact excluded).\n\n");
        List<String> libs = libs();
        sb.append("| recall@").append(config.get("k"));
        for (String lib : libs) {
            sb.append(" | ").append(lib);
        }
        sb.append(" | best peer | zeusdb / best peer | same, CPU QPS |\n|---");
        sb.append("|---:".repeat(libs.size())).append("|---|---:|---:|\n");
        for (Map.Entry<Double, Map<String, Object>> e : equalRecall().entrySet()) {
            Map<String, Object> row = e.getValue();
            sb.append("| ").append(fmt(e.getKey(), 2));
            for (String lib : libs) {
                sb.append(" | ").append(qps((Double) row.get(lib)));
            }
            Object peer = row.get("best peer");
            sb.append(" | ").append(peer == null ? "-" : peer)
                    .append(" | ").append(ratio((Double) row.get("ratio")))
                    .append(" | ").append(ratio((Double) row.get("ratio (CPU)"))).append(" |\n");
        }
        if (!filters.isEmpty()) {
            sb.append("\n## Filtered search\n\n");
            for (FilterSpec f : filters) {
                sb.append("- filter ").append(f.name()).append(": ").append(Dataset.FILTER_FIELD).append(" in ")
                        .append(f.values()).append(" -> ").append(f.count()).append(" rows, selectivity ")
                        .append(fmt(100 * f.selectivity(), 2)).append(" %\n");
            }
            sb.append("\nRecall against the exact filtered answer.\n\n");
            for (FilterSpec f : filters) {
                sb.append("### filter ").append(f.name()).append(" (").append(fmt(100 * f.selectivity(), 2))
                        .append(" % of rows)\n\n");
                searchTable(sb, f.name());
                sb.append('\n');
            }
        }
        if (!failures.isEmpty()) {
            sb.append("\n## Failures\n\n");
            for (Results.Failure f : failures) {
                sb.append("- ").append(f.lib()).append(": ").append(f.message()).append('\n');
            }
        }
        sb.append("\n## What ran\n\n");
        for (Results.Info i : infos) {
            sb.append("- **").append(i.lib()).append("**: ").append(i.describe()).append('\n');
        }
        if (!infos.isEmpty()) {
            sb.append("- JVM: ").append(infos.get(0).jvm()).append('\n');
        }
        return sb.toString();
    }

    private void searchTable(StringBuilder sb, String filter) {
        sb.append("| library | ef | recall@").append(config.get("k"))
                .append(" | QPS | QPS (CPU) | spread | p50 (us) | p99 (us) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String lib : libs()) {
            for (Results.Search s : searches) {
                if (!s.lib().equals(lib) || !java.util.Objects.equals(s.filter(), filter)) {
                    continue;
                }
                sb.append("| ").append(lib).append(" | ").append(s.ef() == 0 ? "-" : Integer.toString(s.ef()))
                        .append(" | ").append(fmt(s.recall(), 4))
                        .append(" | ").append(qps(s.qps()))
                        .append(" | ").append(qps(s.cpuQps()))
                        .append(" | ").append(fmt(s.spreadPct(), 0)).append(" %")
                        .append(" | ").append(fmt(s.p50Micros(), 0))
                        .append(" | ").append(fmt(s.p99Micros(), 0)).append(" |\n");
            }
        }
    }

    /** The build of {@code lib} with {@code threads} threads, or null. */
    public Results.Build build(String lib, int threads) {
        for (Results.Build b : builds) {
            if (b.lib().equals(lib) && b.threads() == threads) {
                return b;
            }
        }
        return null;
    }

    private static String qps(Double v) {
        return v == null || v.isNaN() ? "-" : v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : fmt(v, 1);
    }

    private static String ratio(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? "-" : fmt(v, 2) + "x";
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
