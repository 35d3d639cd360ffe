package io.zeusdb.vector;

import io.zeusdb.vector.distance.Metric;
import io.zeusdb.vector.metadata.MetadataValues;
import java.util.List;

/**
 * Converts the accepted vector forms ({@code float[]}, {@code double[]}, a {@code List} of
 * numbers) into a fresh {@code float[]} processed for the space, and reports what is wrong with a
 * vector as a reason string (the caller adds "Vector id: ").
 */
final class VectorInput {

    private VectorInput() {}

    /** True when {@code o} is one of the single-vector forms. */
    static boolean isVector(Object o) {
        if (o instanceof float[] || o instanceof double[]) {
            return true;
        }
        if (o instanceof List<?> l) {
            return l.isEmpty() || l.get(0) instanceof Number;
        }
        return false;
    }

    /** A copy of {@code o} as floats, or {@code null} when it is not a vector form. */
    static float[] toFloats(Object o) {
        if (o instanceof float[] f) {
            return f.clone();
        }
        if (o instanceof double[] d) {
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
            return out;
        }
        if (o instanceof List<?> l) {
            float[] out = new float[l.size()];
            int i = 0;
            for (Object e : l) {
                if (!(e instanceof Number n) || e instanceof Boolean) {
                    return null;
                }
                out[i++] = n.floatValue();
            }
            return out;
        }
        return null;
    }

    /**
     * Validates width and finiteness; returns {@code null} when fine, else upstream's reason,
     * e.g. {@code Vector dimension mismatch: expected 8, got 3}.
     */
    static String problem(float[] v, int dim) {
        if (v.length == 0) {
            return "Vector cannot be empty";
        }
        if (v.length != dim) {
            return "Vector dimension mismatch: expected " + dim + ", got " + v.length;
        }
        int bad = firstNonFinite(v);
        if (bad >= 0) {
            return "Vector contains invalid value at index " + bad + ": " + MetadataValues.nonFiniteText(v[bad])
                    + " (must be finite)";
        }
        return null;
    }

    static int firstNonFinite(float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Normalises in place when the metric asks for it. */
    static float[] process(float[] v, Metric metric) {
        if (metric.normalises()) {
            Metric.normalise(v);
        }
        return v;
    }

    /** A validated, processed copy of one search query. */
    static float[] query(Object q, int dim, Metric metric) {
        if (q == null) {
            throw new IllegalArgumentException("Search vector cannot be null");
        }
        float[] v = toFloats(q);
        if (v == null) {
            throw new IllegalArgumentException("Search vector must be a float[], double[] or List of numbers, got "
                    + q.getClass().getSimpleName());
        }
        if (v.length == 0) {
            throw new IllegalArgumentException("Search vector cannot be empty");
        }
        if (v.length != dim) {
            throw new IllegalArgumentException("Search vector dimension mismatch: expected " + dim + ", got "
                    + v.length);
        }
        int bad = firstNonFinite(v);
        if (bad >= 0) {
            throw new IllegalArgumentException("Search vector contains invalid value at index " + bad + ": "
                    + MetadataValues.nonFiniteText(v[bad]));
        }
        return process(v, metric);
    }

    /** Validated, processed copies of a batch of queries. */
    static float[][] batch(Object qs, int dim, Metric metric) {
        if (qs == null) {
            throw new IllegalArgumentException("Batch cannot be null");
        }
        Object[] rows;
        if (qs instanceof float[][] f) {
            rows = f;
        } else if (qs instanceof double[][] d) {
            rows = d;
        } else if (qs instanceof List<?> l) {
            rows = l.toArray();
        } else {
            throw new IllegalArgumentException("Batch must be a float[][], double[][] or List of vectors, got "
                    + qs.getClass().getSimpleName());
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException("Batch cannot be empty");
        }
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new IllegalArgumentException("Vector " + i + " in batch cannot be null");
            }
            float[] v = toFloats(rows[i]);
            if (v == null) {
                throw new IllegalArgumentException("Vector " + i + " in batch must be a vector of numbers, got "
                        + rows[i].getClass().getSimpleName());
            }
            if (v.length == 0) {
                throw new IllegalArgumentException("Vector " + i + " in batch cannot be empty");
            }
            if (v.length != dim) {
                throw new IllegalArgumentException("Vector " + i + ": dimension mismatch: expected " + dim + ", got "
                        + v.length);
            }
            int bad = firstNonFinite(v);
            if (bad >= 0) {
                throw new IllegalArgumentException("Vector " + i + " in batch contains invalid value at index " + bad
                        + ": " + MetadataValues.nonFiniteText(v[bad]) + " (must be finite)");
            }
            out[i] = process(v, metric);
        }
        return out;
    }
}
