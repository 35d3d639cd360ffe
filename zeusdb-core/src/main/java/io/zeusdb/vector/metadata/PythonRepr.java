package io.zeusdb.vector.metadata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Internal: prints values exactly as the upstream Python library shows them, so that
 * {@code toString()} of results and the numbers in {@code info()}, {@code getStats()} and messages
 * are byte-compatible with upstream. Not part of the public API; it may change without notice.
 *
 * <p>What it reproduces:
 * <ul>
 *   <li>{@link #reprDouble(double)}: CPython's {@code repr(float)} (shortest round-trip digits,
 *       positional for {@code 1e-4 <= |v| < 1e16}, otherwise {@code 1e-05} style);</li>
 *   <li>{@link #reprFloat32(float)}: the shortest digits that round-trip a 32-bit float, in the
 *       same layout (how a {@code numpy.float32} element prints);</li>
 *   <li>{@link #repr(Object)}: CPython's {@code repr} of a canonical metadata value
 *       ({@link MetadataValues}): {@code None}, {@code True}, integers, floats, {@code str},
 *       {@code list}, {@code dict}, and {@code float[]} vectors as lists of float32 reprs;</li>
 *   <li>{@link #formatFixed(double, int)}: {@code format(v, '.Nf')}, rounding the exact binary
 *       value half-to-even.</li>
 * </ul>
 *
 * <p>Everything is locale-independent ({@code Locale.ROOT} behaviour) and thread-safe. The
 * shortest-digit algorithms rely on {@link Double#toString(double)} and {@link Float#toString(float)}
 * of Java 19 and later, whose digits are the shortest that round-trip, closest to the exact value;
 * the one place they differ from CPython (Java may print two digits when one digit already
 * round-trips, as in {@code 4.9E-324} for CPython's {@code 5e-324}) is corrected here.
 *
 * <p>Printable characters in strings are decided with the Unicode tables of the running JDK;
 * CPython uses the tables of its own Unicode version, so a character assigned only in a newer
 * Unicode version may print literally here and as an escape in an older CPython.
 */
public final class PythonRepr {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonRepr() {}

    // ------------------------------------------------------------------------------------------
    // Floats
    // ------------------------------------------------------------------------------------------

    /**
     * CPython's {@code repr(float)} of {@code v}.
     *
     * <p>The digits are the shortest decimal that reads back as exactly {@code v} (the closest to
     * {@code v} if several are equally short). Values with {@code 1e-4 <= |v| < 1e16} are written
     * positionally, always with a fractional part ({@code 2.0}, {@code 100.0}, {@code 0.0001},
     * {@code 9999999999999998.0}); others in scientific form with a signed exponent of at least
     * two digits and no {@code .0} ({@code 1e-05}, {@code 1.5e-07}, {@code 1e+16},
     * {@code 1.2345678901234568e+17}, {@code 5e-324}). Zero prints as {@code 0.0} or {@code -0.0};
     * non-finite values as {@code nan}, {@code inf}, {@code -inf}.
     *
     * @param v any double
     * @return the Python text, e.g. {@code "0.1"} for {@code 0.1}
     */
    public static String reprDouble(double v) {
        String special = special(v, v == 0.0, Double.isNaN(v), Double.isInfinite(v), Math.copySign(1.0, v) < 0);
        if (special != null) {
            return special;
        }
        double a = Math.abs(v);
        Digits d = Digits.parse(Double.toString(a));
        if (d.digits.length() == 2) {
            Digits one = shorterDouble(a, d);
            if (one != null) {
                d = one;
            }
        }
        return layout(v < 0, d);
    }

    /**
     * The Python/numpy text of a 32-bit float element of a vector: the shortest decimal that
     * reads back (as a float32) as exactly {@code v}, closest to {@code v} if several are equally
     * short, laid out with the rules of {@link #reprDouble(double)}. For example
     * {@code 0.1f -> "0.1"}, {@code 16777216f -> "16777216.0"}, {@code 1e-5f -> "1e-05"},
     * {@code Float.MIN_VALUE -> "1e-45"}.
     *
     * @param v any float
     * @return the Python text
     */
    public static String reprFloat32(float v) {
        String special = special(v, v == 0.0f, Float.isNaN(v), Float.isInfinite(v), Math.copySign(1.0f, v) < 0);
        if (special != null) {
            return special;
        }
        float a = Math.abs(v);
        Digits d = Digits.parse(Float.toString(a));
        if (d.digits.length() == 2) {
            Digits one = shorterFloat(a, d);
            if (one != null) {
                d = one;
            }
        }
        return layout(v < 0, d);
    }

    private static String special(double v, boolean zero, boolean nan, boolean infinite, boolean negative) {
        if (nan) {
            return "nan";
        }
        if (infinite) {
            return v > 0 ? "inf" : "-inf";
        }
        if (zero) {
            return negative ? "-0.0" : "0.0";
        }
        return null;
    }

    /**
     * Java prints two digits when a one-digit decimal round-trips but a two-digit one is closer;
     * CPython prints the shortest. Returns the closest one-digit decimal that round-trips, or null.
     */
    private static Digits shorterDouble(double a, Digits two) {
        Digits best = null;
        BigDecimal bestDistance = null;
        BigDecimal exact = new BigDecimal(a);
        for (Digits c : two.oneDigitNeighbours()) {
            if (Double.parseDouble(c.toScientific()) == a) {
                BigDecimal distance = new BigDecimal(c.toScientific()).subtract(exact).abs();
                if (best == null || distance.compareTo(bestDistance) < 0) {
                    best = c;
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    /** As {@link #shorterDouble} for float32 round trips. */
    private static Digits shorterFloat(float a, Digits two) {
        Digits best = null;
        BigDecimal bestDistance = null;
        BigDecimal exact = new BigDecimal(a);
        for (Digits c : two.oneDigitNeighbours()) {
            if (Float.parseFloat(c.toScientific()) == a) {
                BigDecimal distance = new BigDecimal(c.toScientific()).subtract(exact).abs();
                if (best == null || distance.compareTo(bestDistance) < 0) {
                    best = c;
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    /** CPython's layout: positional when {@code -4 < decpt <= 16}, else {@code d.ddde[+-]XX}. */
    private static String layout(boolean negative, Digits d) {
        String s = d.digits;
        int decpt = d.decpt;
        StringBuilder out = new StringBuilder(s.length() + 8);
        if (negative) {
            out.append('-');
        }
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                out.append("0.");
                out.repeat('0', -decpt);
                out.append(s);
            } else if (decpt >= s.length()) {
                out.append(s);
                out.repeat('0', decpt - s.length());
                out.append(".0");
            } else {
                out.append(s, 0, decpt).append('.').append(s, decpt, s.length());
            }
        } else {
            out.append(s.charAt(0));
            if (s.length() > 1) {
                out.append('.').append(s, 1, s.length());
            }
            int exp = decpt - 1;
            out.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        }
        return out.toString();
    }

    /**
     * A positive decimal {@code 0.<digits> x 10^decpt}; {@code digits} has no leading or trailing
     * zeros.
     */
    private record Digits(String digits, int decpt) {

        /** Parses Java's {@code Double/Float.toString} of a positive finite non-zero value. */
        static Digits parse(String javaText) {
            int e = javaText.indexOf('E');
            String mantissa = e < 0 ? javaText : javaText.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(javaText.substring(e + 1));
            int dot = mantissa.indexOf('.');
            String all = dot < 0 ? mantissa : mantissa.substring(0, dot) + mantissa.substring(dot + 1);
            int decpt = (dot < 0 ? mantissa.length() : dot) + exponent;
            int start = 0;
            while (start < all.length() - 1 && all.charAt(start) == '0') {
                start++;
                decpt--;
            }
            int end = all.length();
            while (end > start + 1 && all.charAt(end - 1) == '0') {
                end--;
            }
            return new Digits(all.substring(start, end), decpt);
        }

        /** For a two-digit decimal {@code ab}: {@code a} and {@code a+1} at the same position. */
        List<Digits> oneDigitNeighbours() {
            int a = digits.charAt(0) - '0';
            Digits down = new Digits(String.valueOf(a), decpt);
            Digits up = a == 9 ? new Digits("1", decpt + 1) : new Digits(String.valueOf(a + 1), decpt);
            return List.of(down, up);
        }

        /** {@code 0.<digits>E<decpt>}, parseable by Java. */
        String toScientific() {
            return "0." + digits + "E" + decpt;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Fixed point
    // ------------------------------------------------------------------------------------------

    /**
     * Formats {@code v} with exactly {@code decimals} digits after the point, like Python's
     * {@code format(v, '.2f')} and Rust's {@code format!("{:.2}", v)}: the exact binary value is
     * rounded half-to-even ({@code 0.125 -> "0.12"}, {@code 0.375 -> "0.38"}, {@code 2.675 ->
     * "2.67"} because 2.675 is really 2.67499999...), no grouping, {@code '.'} as the separator,
     * and a negative value keeps its sign even when it rounds to zero ({@code -0.001 -> "-0.00"}).
     * Non-finite values print as upstream's formatter prints them: {@code NaN}, {@code inf},
     * {@code -inf}.
     *
     * @param v the value
     * @param decimals digits after the point, at least 0 (0 prints no point: {@code 2.5 -> "2"})
     * @return the text
     * @throws IllegalArgumentException if {@code decimals} is negative
     */
    public static String formatFixed(double v, int decimals) {
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0, got " + decimals);
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (Math.copySign(1.0, v) < 0 && text.charAt(0) != '-') {
            text = "-" + text;
        }
        return text;
    }

    // ------------------------------------------------------------------------------------------
    // Values
    // ------------------------------------------------------------------------------------------

    /**
     * CPython's {@code repr} of a canonical metadata value (see {@link MetadataValues}) or a vector:
     * <ul>
     *   <li>{@code null -> None}, {@code Boolean -> True/False};</li>
     *   <li>{@code Long} (also {@code Integer}, {@code Short}, {@code Byte}) as a decimal integer;</li>
     *   <li>{@code Double} via {@link #reprDouble(double)};</li>
     *   <li>{@code String} via {@link #reprString(String)};</li>
     *   <li>{@code List} as {@code [a, b]};</li>
     *   <li>{@code Map} as {@code {'k': v, 'k2': v2}} in the map's iteration order;</li>
     *   <li>{@code float[]} as {@code [0.1, 0.2]} via {@link #reprFloat32(float)}.</li>
     * </ul>
     *
     * @param canonicalValue the value
     * @return the Python text
     * @throws IllegalArgumentException for any other type (nothing is stringified silently)
     */
    public static String repr(Object canonicalValue) {
        StringBuilder out = new StringBuilder();
        append(out, canonicalValue);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("None");
            case Boolean b -> out.append(b ? "True" : "False");
            case Long l -> out.append(l.longValue());
            case Integer i -> out.append(i.intValue());
            case Short s -> out.append(s.shortValue());
            case Byte b -> out.append(b.byteValue());
            case Double d -> out.append(reprDouble(d));
            case String s -> appendString(out, s);
            case float[] vector -> {
                out.append('[');
                for (int i = 0; i < vector.length; i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    out.append(reprFloat32(vector[i]));
                }
                out.append(']');
            }
            case List<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object e : list) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    append(out, e);
                }
                out.append(']');
            }
            case Map<?, ?> map -> {
                out.append('{');
                Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
                boolean first = true;
                while (it.hasNext()) {
                    Map.Entry<?, ?> e = it.next();
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    append(out, e.getKey());
                    out.append(": ");
                    append(out, e.getValue());
                }
                out.append('}');
            }
            default -> throw new IllegalArgumentException("no Python repr for a value of type "
                    + value.getClass().getName() + "; expected a canonical metadata value or float[]");
        }
    }

    /**
     * CPython 3's {@code repr} of a {@code str}: single quotes, unless the text contains
     * {@code '} and no {@code "}, then double quotes. Escapes {@code \\}, the chosen quote,
     * {@code \t}, {@code \n}, {@code \r}; other ASCII control characters and DEL as
     * {@code \xNN}; non-printable non-ASCII code points (Unicode categories Cc, Cf, Cs, Co, Cn, Zl,
     * Zp, and Zs other than the ASCII space) as {@code \xNN}, <code>&#92;uNNNN</code> or
     * {@code \UNNNNNNNN} by size (lower-case hex). Printable non-ASCII text, emoji included, stays
     * as is. An unpaired surrogate prints as <code>&#92;udXXX</code>.
     *
     * @param s the text, not null
     * @return the quoted Python literal
     */
    public static String reprString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        appendString(out, s);
        return out.toString();
    }

    private static void appendString(StringBuilder out, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').append((char) cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < ' ' || cp == 0x7f) {
                hex(out, 'x', cp, 2);
            } else if (cp < 0x7f) {
                out.append((char) cp);
            } else if (isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                hex(out, 'x', cp, 2);
            } else if (cp <= 0xffff) {
                hex(out, 'u', cp, 4);
            } else {
                hex(out, 'U', cp, 8);
            }
        }
        out.append(quote);
    }

    private static void hex(StringBuilder out, char kind, int cp, int width) {
        out.append('\\').append(kind);
        for (int shift = 4 * (width - 1); shift >= 0; shift -= 4) {
            out.append(HEX[(cp >>> shift) & 0xf]);
        }
    }

    /** CPython's {@code Py_UNICODE_ISPRINTABLE} for a non-ASCII code point. */
    private static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
