package io.zeusdb.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * An independent brute-force oracle for the tests: distances computed in double precision from
 * the vectors as the caller gave them (no normalisation shortcuts shared with the library), pages
 * sorted by (score, id in code-point order), and page comparisons that tolerate only float
 * rounding.
 */
final class Oracle {

    private Oracle() {}

    /** One expected hit. */
    record Hit(String id, double score) {}

    /** Orders ids by Unicode code point (not UTF-16 code unit). */
    static final Comparator<String> CODE_POINT = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    static final Comparator<Hit> ORDER = Comparator.comparingDouble(Hit::score).thenComparing(Hit::id, CODE_POINT);

    /** The distance of the reference, in double precision, from the vectors as given. */
    static double distance(Space space, float[] q, float[] v) {
        if (q.length != v.length) {
            throw new IllegalArgumentException("width " + q.length + " vs " + v.length);
        }
        switch (space) {
            case COSINE: {
                double qq = 0;
                double vv = 0;
                double qv = 0;
                for (int i = 0; i < q.length; i++) {
                    qq += (double) q[i] * q[i];
                    vv += (double) v[i] * v[i];
                    qv += (double) q[i] * v[i];
                }
                if (qq == 0 || vv == 0) {
                    return 1.0; // a zero vector is at 1.0 from everything, itself included
                }
                return Math.max(0.0, 1.0 - qv / (Math.sqrt(qq) * Math.sqrt(vv)));
            }
            case L2: {
                double s = 0;
                for (int i = 0; i < q.length; i++) {
                    double d = (double) q[i] - v[i];
                    s += d * d;
                }
                return Math.sqrt(s);
            }
            case L1: {
                double s = 0;
                for (int i = 0; i < q.length; i++) {
                    s += Math.abs((double) q[i] - v[i]);
                }
                return s;
            }
            case DOT: {
                double s = 0;
                for (int i = 0; i < q.length; i++) {
                    s += (double) q[i] * v[i];
                }
                return 1.0 - s;
            }
            default:
                throw new AssertionError(space);
        }
    }

    /** Every record's distance from {@code q}, sorted by (score, id). */
    static List<Hit> bruteForce(Space space, float[] q, Map<String, float[]> records) {
        List<Hit> hits = new ArrayList<>(records.size());
        for (Map.Entry<String, float[]> e : records.entrySet()) {
            hits.add(new Hit(e.getKey(), distance(space, q, e.getValue())));
        }
        hits.sort(ORDER);
        return hits;
    }

    /** Float rounding allowance for a score of magnitude {@code v}. */
    static double tol(double v) {
        return 1e-6 + 1e-6 * Math.abs(v);
    }

    /**
     * Asserts that {@code actual} is the exact page of size {@code k} over {@code expectedAll}
     * (every candidate, sorted by {@link #ORDER}): same length, ids in order, scores within
     * float rounding, ties (bit-equal scores) ordered by id. A position may hold another id only
     * when that id's exact distance equals the expected one to within rounding (a near tie the
     * float computation may legitimately order differently).
     */
    static void assertExactPage(List<Hit> expectedAll, List<SearchResult> actual, int k, String context) {
        int want = Math.min(k, expectedAll.size());
        assertEquals(want, actual.size(), context + ": page size");
        Map<String, Double> exact = new HashMap<>();
        for (Hit h : expectedAll) {
            exact.put(h.id(), h.score());
        }
        assertWellFormed(actual, context);
        for (int i = 0; i < want; i++) {
            SearchResult r = actual.get(i);
            Hit e = expectedAll.get(i);
            Double d = exact.get(r.id());
            if (d == null) {
                fail(context + ": position " + i + " holds '" + r.id() + "', which is not a candidate record");
            }
            if (Math.abs(r.score() - d) > tol(d)) {
                fail(context + ": '" + r.id() + "' scored " + r.score() + ", exact distance " + d);
            }
            if (!r.id().equals(e.id()) && Math.abs(d - e.score()) > 2 * tol(e.score())) {
                fail(context + ": position " + i + " expected '" + e.id() + "' (" + e.score() + ") but was '"
                        + r.id() + "' (" + d + ")\nexpected " + expectedAll.subList(0, want) + "\nactual   "
                        + actual.stream().map(x -> x.id() + "=" + x.score()).toList());
            }
        }
    }

    /**
     * Asserts two pages of the same search are the same page: same length, same ids in the same
     * order, scores equal to within float rounding. Ids may differ only between near-tied entries
     * (scores within rounding of each other), because the SIMD kernels return results that differ
     * in the last bit depending on JIT state (see SearchDeterminismTest, a BUG); where that bug is
     * fixed this could be plain equality.
     */
    static void assertSamePage(List<SearchResult> expected, List<SearchResult> actual, String context) {
        assertEquals(expected.size(), actual.size(), context + ": page size");
        Map<String, Double> actualScore = new HashMap<>();
        for (SearchResult r : actual) {
            actualScore.put(r.id(), r.score());
        }
        double last = expected.isEmpty() ? 0 : expected.get(expected.size() - 1).score();
        for (int i = 0; i < expected.size(); i++) {
            SearchResult e = expected.get(i);
            SearchResult a = actual.get(i);
            int at = i;
            if (Math.abs(e.score() - a.score()) > tol(e.score())) {
                fail(context + ": score at " + at + both(expected, actual));
            }
            if (!e.id().equals(a.id())) {
                Double other = actualScore.get(e.id());
                boolean nearTie = other != null ? Math.abs(other - e.score()) <= tol(e.score())
                        : Math.abs(e.score() - last) <= tol(last);
                if (!nearTie) {
                    fail(context + ": position " + at + " holds '" + a.id() + "' instead of '" + e.id() + "'"
                            + both(expected, actual));
                }
            } else {
                assertEquals(e.metadata(), a.metadata(), context + ": metadata of " + a.id());
            }
        }
    }

    private static String both(List<SearchResult> expected, List<SearchResult> actual) {
        return "\nexpected " + expected.stream().map(x -> x.id() + "=" + x.score()).toList()
                + "\nactual   " + actual.stream().map(x -> x.id() + "=" + x.score()).toList();
    }

    /** No duplicate ids, scores non-decreasing, bit-equal scores ordered by id. */
    static void assertWellFormed(List<SearchResult> page, String context) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < page.size(); i++) {
            SearchResult r = page.get(i);
            assertTrue(seen.add(r.id()), context + ": id '" + r.id() + "' appears twice in " + ids(page));
            assertTrue(!Double.isNaN(r.score()), context + ": NaN score for " + r.id());
            if (i > 0) {
                SearchResult p = page.get(i - 1);
                assertTrue(p.score() <= r.score(), context + ": scores decrease at " + i + ": " + p.score() + " then "
                        + r.score());
                if (p.score() == r.score()) {
                    assertTrue(CODE_POINT.compare(p.id(), r.id()) < 0, context + ": tie at score " + r.score()
                            + " not ordered by id: '" + p.id() + "' before '" + r.id() + "'");
                }
            }
        }
    }

    static List<String> ids(Collection<SearchResult> page) {
        return page.stream().map(SearchResult::id).toList();
    }

    /** Uniform in [-scale, scale). */
    static float[] randomVector(Random random, int dim, float scale) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return v;
    }
}
