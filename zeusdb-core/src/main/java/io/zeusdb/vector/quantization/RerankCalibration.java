package io.zeusdb.vector.quantization;

import io.zeusdb.vector.distance.Kernels;
import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.distance.VectorKernels;
import java.util.Arrays;

/**
 * How many ADC candidates a {@code quantized_with_raw} search rescores against raw vectors, as
 * measured once at training: over the training sample, for up to 512 sample points used as
 * queries, the rank each exact raw-space neighbour has in the ADC ordering; the fetch is the 99th
 * percentile of those ranks (target recall 0.99). It is measured at 25/50/75/100 % prefixes of
 * the sample for a page of 10 (how the fetch grows with the record count: {@link #exponent()})
 * and at pages 1, 10, 100 on the whole sample (how it grows with the page: {@link #pageExponent()}).
 *
 * <p>At search time {@link #fetchFor(int, int)} scales the measured fetch to the live count and
 * page, with a 1.75x margin, clamped to {@code [max(250, 5 top_k), max(live/4, that floor)]} and
 * to the live count.
 *
 * @param fetch         99th-percentile rank at page 10 on the whole sample
 * @param fitFetches    the same at 25/50/75/100 % of the sample
 * @param exponent      growth of the fetch with the record count (log-log slope + 0.15, in [0.4, 1])
 * @param pageFetches   99th-percentile ranks at pages 1, 10 and 100
 * @param pageExponent  growth of the fetch with the page (log-log slope in [0, 1])
 * @param sampleRecords training vectors measured over
 * @param queries       sample points used as queries
 * @param target        the recall the percentile stands for (0.99)
 * @param millis        how long the measurement took
 */
public record RerankCalibration(int fetch, int[] fitFetches, double exponent, int[] pageFetches,
                                double pageExponent, int sampleRecords, int queries, double target, long millis) {

    /** The pages the page exponent is measured at. */
    public static final int[] PAGES = {1, 10, 100};
    /** Page exponent assumed when none was measured. */
    public static final double DEFAULT_PAGE_EXPONENT = 0.49;
    private static final int MAX_QUERIES = 512;
    private static final double TARGET = 0.99;
    private static final double MARGIN = 1.75;

    /**
     * The rescoring fetch without a calibration: {@code max(live/50, 250, 5 top_k)}, capped at
     * {@code max(live, top_k)}.
     */
    public static int defaultFetch(int live, int topK) {
        long f = Math.max(Math.max(live / 50, 250), 5L * topK);
        return (int) Math.min(f, Math.max(live, topK));
    }

    /** The fetch a search of page {@code topK} uses at {@code live} records. */
    public int fetchFor(int live, int topK) {
        double f = MARGIN * fetch * Math.pow(live / (double) sampleRecords, exponent) * pageScale(topK);
        long floor = Math.max(250, 5L * topK);
        long ceiling = Math.max(live / 4, floor);
        long r = Math.max(floor, Math.min(ceiling, Math.round(f)));
        return (int) Math.min(r, Math.max(live, topK));
    }

    /** Fetch at page {@code topK} relative to page 10, interpolated in log space, in [1, top_k/10]. */
    double pageScale(int topK) {
        double f1 = pageFetches[0];
        double f10 = pageFetches[1];
        double f100 = pageFetches[2];
        double f;
        if (topK <= 1) {
            f = f1;
        } else if (topK <= 10) {
            f = Math.exp(Math.log(f1) + (Math.log(f10) - Math.log(f1)) * Math.log10(topK));
        } else if (topK <= 100) {
            f = Math.exp(Math.log(f10) + (Math.log(f100) - Math.log(f10)) * (Math.log10(topK) - 1));
        } else {
            f = f100 * Math.pow(topK / 100.0, pageExponent);
        }
        double scale = f / f10;
        return Math.max(1.0, Math.min(scale, Math.max(1.0, topK / 10.0)));
    }

    /**
     * Measures the calibration over {@code sample} (rows processed for the space) and its codes.
     *
     * @param parallel spreads the queries over threads
     */
    public static RerankCalibration measure(float[][] sample, PqCodebook codebook, PqTrainer.Parallel parallel) {
        long started = System.nanoTime();
        int n = sample.length;
        int width = codebook.subvectors();
        byte[] codes = new byte[n * width];
        for (int i = 0; i < n; i++) {
            codebook.encode(sample[i], 0, codes, i * width);
        }
        int queries = Math.min(MAX_QUERIES, n);
        int stride = n / queries;
        int[] prefixes = {n / 4, n / 2, 3 * n / 4, n};
        // per query: needed fetch for every true neighbour, by prefix (page 10) and by page (whole sample)
        int[][][] prefixRanks = new int[queries][prefixes.length][];
        int[][][] pageRanks = new int[queries][PAGES.length][];
        VectorKernels kernels = Kernels.best();
        Metric metric = codebook.metric();
        parallel.forEach(queries, qi -> {
            int self = qi * stride;
            float[] q = sample[self];
            float[] raw = new float[n];
            float[] adc = new float[n];
            float[] table = codebook.adcTable(q);
            int k = codebook.centroids();
            for (int i = 0; i < n; i++) {
                raw[i] = metric.distance(kernels, q, 0, sample[i], 0, q.length);
                float sum = 0;
                for (int s = 0, base = 0; s < width; s++, base += k) {
                    sum += table[base + (codes[i * width + s] & 0xff)];
                }
                adc[i] = codebook.adcDistance(sum);
            }
            // the exact order once; the true neighbours within a prefix are its first members below it
            long[] order = new long[n - 1];
            for (int i = 0, j = 0; i < n; i++) {
                if (i != self) {
                    order[j++] = sortKey(raw[i], i);
                }
            }
            java.util.Arrays.sort(order);
            // ADC values of every other point, sorted: a rank over the whole sample is a binary search
            float[] sortedAdc = new float[n - 1];
            for (int i = 0, j = 0; i < n; i++) {
                if (i != self) {
                    sortedAdc[j++] = adc[i];
                }
            }
            java.util.Arrays.sort(sortedAdc);
            for (int p = 0; p < prefixes.length; p++) {
                prefixRanks[qi][p] = prefixes[p] == n ? neededFetches(order, adc, sortedAdc, 10)
                        : neededFetches(order, adc, prefixes[p], self, 10);
            }
            for (int p = 0; p < PAGES.length; p++) {
                pageRanks[qi][p] = neededFetches(order, adc, sortedAdc, PAGES[p]);
            }
        });
        int[] fit = new int[prefixes.length];
        for (int p = 0; p < prefixes.length; p++) {
            fit[p] = percentile(prefixRanks, p);
        }
        int[] pages = new int[PAGES.length];
        for (int p = 0; p < PAGES.length; p++) {
            pages[p] = percentile(pageRanks, p);
        }
        double slope = slope(prefixes, fit);
        double exponent = slope <= 0 ? 1.0 : Math.max(0.40, Math.min(1.0, slope + 0.15));
        double pageSlope = slope(PAGES, pages);
        double pageExponent = Math.max(0.0, Math.min(1.0, pageSlope));
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new RerankCalibration(fit[prefixes.length - 1], fit, exponent, pages, pageExponent, n, queries, TARGET,
                millis);
    }

    /**
     * For the exact top-{@code page} among the first {@code prefix} points (the query itself
     * excluded; {@code order} is every other point by exact distance): how many ADC candidates
     * must be fetched to include each of them.
     */
    private static int[] neededFetches(long[] order, float[] adc, int prefix, int self, int page) {
        int[] out = new int[page];
        int found = 0;
        for (int t = 0; t < order.length && found < page; t++) {
            int idx = (int) order[t];
            if (idx >= prefix) {
                continue;
            }
            float a = adc[idx];
            // candidates strictly closer by ADC (the query itself does not count), plus the neighbour
            int closer = 0;
            for (int i = 0; i < prefix; i++) {
                closer += adc[i] < a ? 1 : 0;
            }
            if (self < prefix && adc[self] < a) {
                closer--;
            }
            out[found++] = closer + 1;
        }
        return found == page ? out : java.util.Arrays.copyOf(out, found);
    }

    /** {@link #neededFetches(long[], float[], int, int, int)} over the whole sample, by binary search. */
    private static int[] neededFetches(long[] order, float[] adc, float[] sortedAdc, int page) {
        int count = Math.min(page, order.length);
        int[] out = new int[count];
        for (int t = 0; t < count; t++) {
            float a = adc[(int) order[t]];
            int lo = 0;
            int hi = sortedAdc.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sortedAdc[mid] < a) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[t] = lo + 1;
        }
        return out;
    }

    private static long sortKey(float d, int index) {
        int bits = Float.floatToRawIntBits(d);
        bits ^= (bits >> 31) & 0x7fffffff;
        return ((long) bits << 32) | index;
    }

    private static int percentile(int[][][] ranks, int slot) {
        int total = 0;
        for (int[][] r : ranks) {
            total += r[slot].length;
        }
        int[] all = new int[total];
        int j = 0;
        for (int[][] r : ranks) {
            System.arraycopy(r[slot], 0, all, j, r[slot].length);
            j += r[slot].length;
        }
        Arrays.sort(all);
        if (total == 0) {
            return 1;
        }
        return all[Math.min(total - 1, (int) Math.ceil(TARGET * total) - 1)];
    }

    /** Least-squares slope of log(y) against log(x). */
    private static double slope(int[] x, int[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(Math.max(1, x[i]));
            my += Math.log(Math.max(1, y[i]));
        }
        mx /= n;
        my /= n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(Math.max(1, x[i])) - mx;
            num += dx * (Math.log(Math.max(1, y[i])) - my);
            den += dx * dx;
        }
        return den == 0 ? 0 : num / den;
    }
}
