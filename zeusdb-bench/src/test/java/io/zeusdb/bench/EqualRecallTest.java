package io.zeusdb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EqualRecallTest {

    private static final List<EqualRecall.Point> CURVE = List.of(
            new EqualRecall.Point(0.80, 1000), new EqualRecall.Point(0.90, 500), new EqualRecall.Point(1.00, 100));

    @Test
    void aMeasuredPointIsReturnedAsIs() {
        assertEquals(500, EqualRecall.qpsAt(CURVE, 0.90), 1e-9);
        assertEquals(100, EqualRecall.qpsAt(CURVE, 1.00), 1e-9);
    }

    @Test
    void logQpsIsLinearInRecallBetweenBracketingPoints() {
        // halfway in recall is the geometric mean in QPS
        assertEquals(Math.sqrt(500.0 * 100), EqualRecall.qpsAt(CURVE, 0.95), 1e-9);
        assertEquals(Math.sqrt(1000.0 * 500), EqualRecall.qpsAt(CURVE, 0.85), 1e-9);
        // a quarter of the way: 1000 * (500/1000)^0.25
        assertEquals(1000 * Math.pow(0.5, 0.25), EqualRecall.qpsAt(CURVE, 0.825), 1e-9);
    }

    @Test
    void nothingIsExtrapolated() {
        assertTrue(Double.isNaN(EqualRecall.qpsAt(CURVE, 1.0001)), "above the best recall: not reached");
        assertEquals(1000, EqualRecall.qpsAt(CURVE, 0.5), 1e-9, "below the curve: the fastest point that reaches it");
        assertTrue(Double.isNaN(EqualRecall.qpsAt(List.of(), 0.9)));
    }

    @Test
    void dominatedPointsAreIgnored() {
        // a slower point at lower recall (a noisy pass) must not drag the curve down
        List<EqualRecall.Point> noisy = List.of(new EqualRecall.Point(0.80, 1000), new EqualRecall.Point(0.85, 200),
                new EqualRecall.Point(0.90, 500), new EqualRecall.Point(1.00, 100));
        assertEquals(EqualRecall.qpsAt(CURVE, 0.95), EqualRecall.qpsAt(noisy, 0.95), 1e-9);
        assertEquals(Math.sqrt(1000.0 * 500), EqualRecall.qpsAt(noisy, 0.85), 1e-9);
        assertEquals(3, EqualRecall.frontier(noisy).size());
    }

    @Test
    void orderOfPointsDoesNotMatter() {
        List<EqualRecall.Point> shuffled = List.of(CURVE.get(2), CURVE.get(0), CURVE.get(1));
        assertEquals(EqualRecall.qpsAt(CURVE, 0.93), EqualRecall.qpsAt(shuffled, 0.93), 1e-9);
    }
}
