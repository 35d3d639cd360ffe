package io.zeusdb.vector.metadata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Placeholder until the exact Python repr lands. */
public final class PythonRepr {
    private PythonRepr() {}

    public static String reprDouble(double v) {
        return Double.toString(v);
    }

    public static String reprFloat32(float v) {
        return Float.toString(v);
    }

    public static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Double d) {
            return reprDouble(d);
        }
        if (v instanceof float[] f) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < f.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(reprFloat32(f[i]));
            }
            return sb.append(']').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(repr(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }

    public static String formatFixed(double v, int decimals) {
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
