package io.zeusdb.vector.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected texts were produced by CPython 3.11 ({@code repr(v)}, {@code format(v, '.Nf')}) and
 * numpy 2.4 ({@code str(numpy.float32(v))}, digits only; see {@link #float32Cases()}).
 */
class PythonReprTest {

    static Stream<Arguments> doubleCases() {
        return Stream.of(
                Arguments.of(0.0, "0.0"),
                Arguments.of(-0.0, "-0.0"),
                Arguments.of(1.0, "1.0"),
                Arguments.of(-1.0, "-1.0"),
                Arguments.of(2.0, "2.0"),
                Arguments.of(100.0, "100.0"),
                Arguments.of(0.1, "0.1"),
                Arguments.of(0.2, "0.2"),
                Arguments.of(0.1 + 0.2, "0.30000000000000004"),
                Arguments.of(1.0 / 3, "0.3333333333333333"),
                Arguments.of(2.0 / 3, "0.6666666666666666"),
                Arguments.of(-1.0 / 3, "-0.3333333333333333"),
                Arguments.of(0.5, "0.5"),
                Arguments.of(0.25, "0.25"),
                Arguments.of(1.5, "1.5"),
                Arguments.of(3.141592653589793, "3.141592653589793"),
                Arguments.of(Math.E, "2.718281828459045"),
                Arguments.of(1e-4, "0.0001"),
                Arguments.of(1.5e-4, "0.00015"),
                Arguments.of(9.999e-5, "9.999e-05"),
                Arguments.of(1e-5, "1e-05"),
                Arguments.of(1.5e-7, "1.5e-07"),
                Arguments.of(-2.5e-6, "-2.5e-06"),
                Arguments.of(0.001, "0.001"),
                Arguments.of(0.000988, "0.000988"),
                Arguments.of(0.00012345, "0.00012345"),
                Arguments.of(0.00009, "9e-05"),
                Arguments.of((double) 0.000988f, "0.0009879999561235309"),
                Arguments.of((double) 0.001143f, "0.001142999972216785"),
                Arguments.of((double) 0.002238f, "0.0022380000445991755"),
                Arguments.of((double) 0.1f, "0.10000000149011612"),
                Arguments.of((double) 1e-4f, "9.999999747378752e-05"),
                Arguments.of((double) 0.0913f, "0.09130000323057175"),
                Arguments.of((double) 1.0f, "1.0"),
                Arguments.of((double) 5.9604645e-8f, "5.960464477539063e-08"),
                Arguments.of(1e15, "1000000000000000.0"),
                Arguments.of(1e16 - 2, "9999999999999998.0"),
                Arguments.of(9999999999999998.0, "9999999999999998.0"),
                Arguments.of(1e16, "1e+16"),
                Arguments.of(-1e16, "-1e+16"),
                Arguments.of(1.2345e20, "1.2345e+20"),
                Arguments.of(123456789012345678.0, "1.2345678901234568e+17"),
                Arguments.of(12345678901234567.0, "1.2345678901234568e+16"),
                Arguments.of(1234567890123456.0, "1234567890123456.0"),
                Arguments.of(123456789.0, "123456789.0"),
                Arguments.of(1125899906842624.25, "1125899906842624.2"),
                Arguments.of(2e23, "2e+23"),
                Arguments.of(1e22, "1e+22"),
                Arguments.of(1e23, "1e+23"),
                Arguments.of(9007199254740993.0, "9007199254740992.0"),
                Arguments.of(4.35, "4.35"),
                Arguments.of(Double.MIN_VALUE, "5e-324"),
                Arguments.of(-Double.MIN_VALUE, "-5e-324"),
                Arguments.of(1e-323, "1e-323"),
                Arguments.of(Double.MIN_NORMAL, "2.2250738585072014e-308"),
                Arguments.of(Math.nextDown(Double.MIN_NORMAL), "2.225073858507201e-308"),
                Arguments.of(Double.MAX_VALUE, "1.7976931348623157e+308"),
                Arguments.of(1e100, "1e+100"),
                Arguments.of(1e-100, "1e-100"),
                Arguments.of(1.7e308, "1.7e+308"),
                Arguments.of(Math.ulp(1.0), "2.220446049250313e-16"),
                Arguments.of(Math.nextUp(1.0), "1.0000000000000002"),
                Arguments.of(Math.nextDown(1.0), "0.9999999999999999"),
                Arguments.of(0.30000000000000004, "0.30000000000000004"),
                Arguments.of(Math.pow(2, 60), "1.152921504606847e+18"),
                Arguments.of(Math.pow(2, -20), "9.5367431640625e-07"),
                Arguments.of(12.5, "12.5"),
                Arguments.of(-273.15, "-273.15"),
                Arguments.of(1.0 / 7, "0.14285714285714285"),
                Arguments.of(Math.sqrt(2), "1.4142135623730951"),
                Arguments.of(Double.NaN, "nan"),
                Arguments.of(Double.POSITIVE_INFINITY, "inf"),
                Arguments.of(Double.NEGATIVE_INFINITY, "-inf"));
    }

    @ParameterizedTest(name = "repr({0}) == {1}")
    @MethodSource("doubleCases")
    void reprDoubleMatchesCPythonFloatRepr(double v, String expected) {
        assertEquals(expected, PythonRepr.reprDouble(v));
    }

    @Test
    void reprDoubleRoundTripsAndNeverUsesJavaExponentSyntax() {
        Random random = new Random(20240128L);
        for (int i = 0; i < 20_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            String text = PythonRepr.reprDouble(v);
            assertEquals(v, Double.parseDouble(text), text);
            assertEquals(-1, text.indexOf('E'), text);
        }
    }

    @Test
    void reprDoubleNeverPrintsTwoDigitsWhenOneDigitRoundTrips() {
        // Java's Double.toString prints 4.9E-324 and 9.9E-324 here; CPython prints one digit.
        assertEquals("5e-324", PythonRepr.reprDouble(Double.MIN_VALUE));
        assertEquals("1e-323", PythonRepr.reprDouble(2 * Double.MIN_VALUE));
        assertEquals("1.5e-323", PythonRepr.reprDouble(3 * Double.MIN_VALUE));
        assertEquals("2e-323", PythonRepr.reprDouble(4 * Double.MIN_VALUE));
    }

    /**
     * Digits are numpy's {@code str(numpy.float32(v))} digits. The layout follows
     * {@link PythonRepr#reprDouble} (positional for 1e-4 <= |v| < 1e16); numpy itself switches a
     * float32 scalar to scientific from 1e6 and below the exact value 1e-4, so the rows for
     * 16777216f, 1e6f, 1e10f and 1e-4f differ from numpy's layout on purpose.
     */
    static Stream<Arguments> float32Cases() {
        return Stream.of(
                Arguments.of((float) 0.0913, "0.0913"),
                Arguments.of(0.1f, "0.1"),
                Arguments.of(0.2f, "0.2"),
                Arguments.of(0.3f, "0.3"),
                Arguments.of(0.7f, "0.7"),
                Arguments.of(0.639f, "0.639"),
                Arguments.of(0.5477f, "0.5477"),
                Arguments.of(1.0f, "1.0"),
                Arguments.of(16777217f, "16777216.0"),
                Arguments.of(16777216f, "16777216.0"),
                Arguments.of(1e-4f, "0.0001"),
                Arguments.of(1e-5f, "1e-05"),
                Arguments.of(1.5e-7f, "1.5e-07"),
                Arguments.of(0.000988f, "0.000988"),
                Arguments.of(0.001143f, "0.001143"),
                Arguments.of(1.0f / 3, "0.33333334"),
                Arguments.of(2.0f / 3, "0.6666667"),
                Arguments.of(0.18257418f, "0.18257418"),
                Arguments.of(1e6f, "1000000.0"),
                Arguments.of(123456.79f, "123456.79"),
                Arguments.of(1e10f, "10000000000.0"),
                Arguments.of(1e16f, "1e+16"),
                Arguments.of(Float.MAX_VALUE, "3.4028235e+38"),
                Arguments.of(Float.MIN_VALUE, "1e-45"),
                Arguments.of(Float.MIN_NORMAL, "1.1754944e-38"),
                Arguments.of(1e-38f, "1e-38"),
                Arguments.of(-0.5f, "-0.5"),
                Arguments.of(100.0f, "100.0"),
                Arguments.of(0.0f, "0.0"),
                Arguments.of(-0.0f, "-0.0"),
                Arguments.of(Float.NaN, "nan"),
                Arguments.of(Float.POSITIVE_INFINITY, "inf"),
                Arguments.of(Float.NEGATIVE_INFINITY, "-inf"));
    }

    @ParameterizedTest(name = "reprFloat32({0}) == {1}")
    @MethodSource("float32Cases")
    void reprFloat32PrintsShortestFloat32Digits(float v, String expected) {
        assertEquals(expected, PythonRepr.reprFloat32(v));
    }

    @Test
    void reprFloat32RoundTripsAsFloat32() {
        Random random = new Random(7L);
        for (int i = 0; i < 20_000; i++) {
            float v = Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(v)) {
                continue;
            }
            String text = PythonRepr.reprFloat32(v);
            assertEquals(v, Float.parseFloat(text), text);
        }
    }

    static Stream<Arguments> stringCases() {
        return Stream.of(
                Arguments.of("", "''"),
                Arguments.of("hello", "'hello'"),
                Arguments.of("a b", "'a b'"),
                Arguments.of("it's", "\"it's\""),
                Arguments.of("say \"hi\"", "'say \"hi\"'"),
                Arguments.of("it's \"x\"", "'it\\'s \"x\"'"),
                Arguments.of("'", "\"'\""),
                Arguments.of("\"", "'\"'"),
                Arguments.of("\\'", "\"\\\\'\""),
                Arguments.of("a\\b", "'a\\\\b'"),
                Arguments.of("line1\nline2\ttab\rcr", "'line1\\nline2\\ttab\\rcr'"),
                Arguments.of("\u0000\u0001\u001F\u007F", "'\\x00\\x01\\x1f\\x7f'"),
                Arguments.of("\u0080\u009F", "'\\x80\\x9f'"),
                Arguments.of("\u0085", "'\\x85'"),
                Arguments.of("caf\u00E9", "'caf\u00E9'"),
                Arguments.of("\u4E2D\u6587", "'\u4E2D\u6587'"),
                Arguments.of("\u03C0r\u00B2", "'\u03C0r\u00B2'"),
                Arguments.of("e\u0301", "'e\u0301'"),
                Arguments.of("\uD83D\uDE00", "'\uD83D\uDE00'"),
                Arguments.of("\uD834\uDD1E", "'\uD834\uDD1E'"),
                Arguments.of("\uD83D\uDC68\u200D\uD83D\uDC69", "'\uD83D\uDC68\\u200d\uD83D\uDC69'"),
                Arguments.of("\u00A0", "'\\xa0'"),
                Arguments.of("\u00AD", "'\\xad'"),
                Arguments.of("\u2028\u2029", "'\\u2028\\u2029'"),
                Arguments.of("\uFEFF", "'\\ufeff'"),
                Arguments.of("\u3000", "'\\u3000'"),
                Arguments.of("\u0378", "'\\u0378'"),
                Arguments.of("\uE000", "'\\ue000'"),
                Arguments.of("\uDB80\uDC00", "'\\U000f0000'"),
                Arguments.of("\uD800", "'\\ud800'"),
                Arguments.of("x\uDC00y", "'x\\udc00y'"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("stringCases")
    void reprStringMatchesCPythonStrRepr(String s, String expected) {
        assertEquals(expected, PythonRepr.reprString(s));
        assertEquals(expected, PythonRepr.repr(s));
    }

    @Test
    void reprPrintsScalarsLikePython() {
        assertEquals("None", PythonRepr.repr(null));
        assertEquals("True", PythonRepr.repr(true));
        assertEquals("False", PythonRepr.repr(false));
        assertEquals("0", PythonRepr.repr(0L));
        assertEquals("-42", PythonRepr.repr(-42L));
        assertEquals("9223372036854775807", PythonRepr.repr(Long.MAX_VALUE));
        assertEquals("-9223372036854775808", PythonRepr.repr(Long.MIN_VALUE));
        assertEquals("7", PythonRepr.repr(7));
        assertEquals("2026.0", PythonRepr.repr(2026.0));
        assertEquals("1e-05", PythonRepr.repr(1e-5));
    }

    @Test
    void reprPrintsListsAndNestedContainers() {
        assertEquals("[]", PythonRepr.repr(List.of()));
        assertEquals("[[]]", PythonRepr.repr(List.of(List.of())));
        assertEquals("{}", PythonRepr.repr(Map.of()));
        assertEquals("['important', 'featured']", PythonRepr.repr(List.of("important", "featured")));
        assertEquals("[1, 2.5, None, True, 'x', [0.1, {'k': []}]]",
                PythonRepr.repr(Arrays.asList(1L, 2.5, null, true, "x", List.of(0.1, Map.of("k", List.of())))));
    }

    @Test
    void reprPrintsCanonicalMetadataInCodePointKeyOrder() {
        Map<String, Object> metadata = MetadataValues.canonicalMap(Map.of(
                "year", 2026, "category", "tech", "score", 0.5f, "tags", List.of("a", "b"),
                "nested", Map.of("z", false, "a", Collections.singletonMap("n", null))));
        assertEquals("{'category': 'tech', 'nested': {'a': {'n': None}, 'z': False}, 'score': 0.5, "
                + "'tags': ['a', 'b'], 'year': 2026}", PythonRepr.repr(metadata));
    }

    @Test
    void reprPrintsMapsInIterationOrderLikeASearchResult() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", "doc_001");
        result.put("score", 0.0);
        result.put("metadata", MetadataValues.canonicalMap(Map.of("author", "Alice")));
        assertEquals("{'id': 'doc_001', 'score': 0.0, 'metadata': {'author': 'Alice'}}", PythonRepr.repr(result));

        result.put("score", (double) 0.000988f);
        result.put("vector", new float[] {0.0913f, 0.1826f, 1e-5f});
        assertEquals("{'id': 'doc_001', 'score': 0.0009879999561235309, 'metadata': {'author': 'Alice'}, "
                + "'vector': [0.0913, 0.1826, 1e-05]}", PythonRepr.repr(result));
    }

    @Test
    void reprPrintsFloatArraysAsListsOfFloat32Reprs() {
        assertEquals("[]", PythonRepr.repr(new float[0]));
        assertEquals("[0.1, 0.2, -0.0, nan]", PythonRepr.repr(new float[] {0.1f, 0.2f, -0.0f, Float.NaN}));
    }

    @Test
    void reprRefusesNonCanonicalTypes() {
        assertThrows(IllegalArgumentException.class, () -> PythonRepr.repr(new Object()));
        assertThrows(IllegalArgumentException.class, () -> PythonRepr.repr(List.of(new StringBuilder("x"))));
        assertThrows(IllegalArgumentException.class, () -> PythonRepr.repr(new double[] {1.0}));
    }

    @Test
    void reprHandlesTheDeepestCanonicalNesting() {
        Object value = 1L;
        for (int i = 0; i < MetadataValues.MAX_DEPTH; i++) {
            List<Object> wrapper = new ArrayList<>();
            wrapper.add(value);
            value = wrapper;
        }
        String text = PythonRepr.repr(value);
        assertEquals("[".repeat(MetadataValues.MAX_DEPTH) + "1" + "]".repeat(MetadataValues.MAX_DEPTH), text);
    }

    static Stream<Arguments> fixedCases() {
        return Stream.of(
                Arguments.of(0.125, 2, "0.12"),
                Arguments.of(0.375, 2, "0.38"),
                Arguments.of(2.675, 2, "2.67"),
                Arguments.of(1.005, 2, "1.00"),
                Arguments.of(0.995, 2, "0.99"),
                Arguments.of(0.045, 2, "0.04"),
                Arguments.of(0.5, 0, "0"),
                Arguments.of(1.5, 0, "2"),
                Arguments.of(2.5, 0, "2"),
                Arguments.of(3.5, 0, "4"),
                Arguments.of(-2.5, 0, "-2"),
                Arguments.of(12.0, 0, "12"),
                Arguments.of(768.0, 1, "768.0"),
                Arguments.of(100.0, 1, "100.0"),
                Arguments.of(1.45, 1, "1.4"),
                Arguments.of(-1.45, 1, "-1.4"),
                Arguments.of(-0.001, 2, "-0.00"),
                Arguments.of(-0.0, 2, "-0.00"),
                Arguments.of(0.0, 2, "0.00"),
                Arguments.of(1.5, 2, "1.50"),
                Arguments.of(0.99609375, 2, "1.00"),
                Arguments.of(0.0625, 3, "0.062"),
                Arguments.of(0.0005, 3, "0.001"),
                Arguments.of(1.0 / 3, 3, "0.333"),
                Arguments.of(2.0 / 3, 4, "0.6667"),
                Arguments.of(123456.789, 2, "123456.79"),
                Arguments.of(1e20, 2, "100000000000000000000.00"),
                Arguments.of(Double.MIN_VALUE, 2, "0.00"),
                Arguments.of(0.1, 20, "0.10000000000000000555"),
                Arguments.of(Double.MAX_VALUE, 0, "17976931348623157081452742373170435679807056752584499659891747680315726"
                        + "07800285387605895586327668781715404589535143824642343213268894641827684675467035375169860499"
                        + "10576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797"
                        + "826204144723168738177180919299881250404026184124858368"),
                Arguments.of(Double.NaN, 2, "NaN"),
                Arguments.of(Double.POSITIVE_INFINITY, 2, "inf"),
                Arguments.of(Double.NEGATIVE_INFINITY, 1, "-inf"));
    }

    @ParameterizedTest(name = "formatFixed({0}, {1}) == {2}")
    @MethodSource("fixedCases")
    void formatFixedRoundsTheExactBinaryValueHalfToEven(double v, int decimals, String expected) {
        assertEquals(expected, PythonRepr.formatFixed(v, decimals));
    }

    @Test
    void formatFixedRefusesNegativeDecimals() {
        assertThrows(IllegalArgumentException.class, () -> PythonRepr.formatFixed(1.0, -1));
    }
}
