package io.zeusdb.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * QPS at a given recall, read off a library's measured (recall, QPS) points the way
 * ann-benchmarks reads its plots: on the Pareto frontier (the best QPS achievable at that recall
 * or better), with log-QPS linear in recall between the two frontier points that bracket the
 * target. Nothing is extrapolated: below the lowest measured recall the answer is the best QPS
 * measured at or above the target, above the highest it is "not reached" ({@link Double#NaN}).
 */
public final class EqualRecall {

    /** The recall levels the report compares at. */
    public static final double[] TARGETS = {0.90, 0.95, 0.98, 0.99};

    private EqualRecall() {}

    /**
     * A measured point.
     *
     * @param recall recall@k
     * @param qps    queries per second
     */
    public record Point(double recall, double qps) {}

    /** QPS at {@code target} recall, or NaN when no point reaches it. */
    public static double qpsAt(List<Point> points, double target) {
        List<Point> frontier = frontier(points);
        Point hi = null;
        Point lo = null;
        for (Point p : frontier) { // ascending recall, descending QPS
            if (p.recall() >= target) {
                hi = p;
                break;
            }
            lo = p;
        }
        if (hi == null) {
            return Double.NaN;
        }
        if (lo == null || hi.recall() == target) {
            return hi.qps();
        }
        double t = (target - lo.recall()) / (hi.recall() - lo.recall());
        return Math.exp(Math.log(lo.qps()) + t * (Math.log(hi.qps()) - Math.log(lo.qps())));
    }

    /**
     * The Pareto frontier, ascending in recall: each kept point has the best QPS among points of
     * its recall or higher, so a slow point that a faster, more accurate one dominates drops out.
     */
    static List<Point> frontier(List<Point> points) {
        List<Point> byRecallDesc = new ArrayList<>(points);
        byRecallDesc.removeIf(p -> !(p.qps() > 0) || Double.isNaN(p.recall()));
        byRecallDesc.sort(Comparator.comparingDouble(Point::recall).reversed()
                .thenComparing(Comparator.comparingDouble(Point::qps).reversed()));
        List<Point> out = new ArrayList<>();
        double bestQps = 0;
        for (Point p : byRecallDesc) {
            if (p.qps() > bestQps) {
                bestQps = p.qps();
                out.add(0, p);
            }
        }
        return out;
    }
}
