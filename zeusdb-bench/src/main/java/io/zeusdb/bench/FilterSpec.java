package io.zeusdb.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metadata filter of the filtered comparison: the rows whose {@value Dataset#FILTER_FIELD} is
 * one of {@code values}. Chosen from the data so that its selectivity lands near a target.
 *
 * @param name        a short label, e.g. {@code "1%"}
 * @param target      the selectivity aimed at
 * @param values      the accepted field values
 * @param count       rows that match
 * @param selectivity {@code count / rows}, the actual selectivity
 */
public record FilterSpec(String name, double target, List<String> values, int count, double selectivity) {

    /** The rows this filter accepts. */
    public BitSet rows(List<String> fieldValues) {
        BitSet set = new BitSet(fieldValues.size());
        for (int i = 0; i < fieldValues.size(); i++) {
            if (values.contains(fieldValues.get(i))) {
                set.set(i);
            }
        }
        return set;
    }

    /**
     * For each target selectivity, a set of field values whose total count comes close to it, by
     * best fit: repeatedly add the value that brings the total nearest the target, until no value
     * brings it nearer (on a tie the rarer value, so a filter undershoots rather than overshoots).
     * With dozens of values of varied sizes this lands within a fraction of a percent, and it is
     * deterministic.
     */
    public static List<FilterSpec> choose(List<String> fieldValues, double... targets) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String v : fieldValues) {
            counts.merge(v, 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        int n = fieldValues.size();
        List<FilterSpec> out = new ArrayList<>();
        for (double target : targets) {
            double want = target * n;
            List<String> chosen = new ArrayList<>();
            int total = 0;
            while (true) {
                Map.Entry<String, Integer> best = null;
                double bestGap = Math.abs(total - want);
                for (Map.Entry<String, Integer> e : byCount) {
                    double gap = Math.abs(total + e.getValue() - want);
                    if (!chosen.contains(e.getKey()) && gap < bestGap) {
                        best = e;
                        bestGap = gap;
                    }
                }
                if (best == null) {
                    break;
                }
                chosen.add(best.getKey());
                total += best.getValue();
            }
            if (total == 0) {
                continue; // nothing fits (tiny data): no filter at this target
            }
            String name = String.format(java.util.Locale.ROOT, "%.0f%%", target * 100);
            out.add(new FilterSpec(name, target, List.copyOf(chosen), total, (double) total / n));
        }
        return out;
    }
}
