package dev.eoc.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eoc.core.activation.Activations;
import org.junit.jupiter.api.Test;

class FlatRegionTest {

    /** Bisection stops at 1e-9; the scan's start is exact. */
    private static final double BOUND = 1e-8;

    @Test
    void tanhIsSaturatingBeyondTheClosedFormBound() {
        FlatRegion r = FlatRegion.of(Activations.tanh());
        // 1 - tanh(h)^2 < 0.01 <=> |h| > atanh(sqrt(0.99))
        double h = 0.5 * Math.log((1 + Math.sqrt(0.99)) / (1 - Math.sqrt(0.99)));
        assertEquals(FlatRegion.Kind.SATURATING, r.kind());
        assertEquals(h, r.above(), BOUND);
        assertEquals(-h, r.below(), BOUND);
    }

    @Test
    void sigmoidBoundIsRelativeToItsPeakGainOfOneQuarter() {
        FlatRegion r = FlatRegion.of(Activations.sigmoid());
        // s (1 - s) < 0.0025 <=> s > (1 + sqrt(1 - 0.01)) / 2
        double s = (1 + Math.sqrt(0.99)) / 2;
        assertEquals(Math.log(s / (1 - s)), r.above(), BOUND);
        assertEquals(FlatRegion.Kind.SATURATING, r.kind());
    }

    @Test
    void reluAndEluAreRectifyingWithTheirKinksAsBounds() {
        FlatRegion relu = FlatRegion.of(Activations.relu());
        assertEquals(FlatRegion.Kind.RECTIFYING, relu.kind());
        assertEquals(0, relu.below(), BOUND);
        assertEquals(Double.POSITIVE_INFINITY, relu.above());
        FlatRegion elu = FlatRegion.of(Activations.elu(1));
        assertEquals(FlatRegion.Kind.RECTIFYING, elu.kind());
        assertEquals(Math.log(0.01), elu.below(), BOUND); // e^h < 0.01
    }

    @Test
    void linearAndLeakyReluNeverGoFlat() {
        assertEquals(FlatRegion.Kind.NEVER_FLAT, FlatRegion.of(Activations.linear()).kind());
        assertEquals(FlatRegion.Kind.NEVER_FLAT, FlatRegion.of(Activations.leakyRelu(0.2)).kind());
    }

    @Test
    void unitActivityCountsEntriesAndUnitsFlatOnEveryRow() {
        FlatRegion relu = FlatRegion.of(Activations.relu());
        float[][] rows = {{-1, 2, -3, 4}, {-1, -2, 3, 4}};
        UnitActivity a = UnitActivity.of(relu, rows);
        assertEquals(4.0 / 8, a.flatFraction(), 0);
        assertEquals(1.0 / 4, a.deadUnitFraction(), 0); // unit 0 only
        assertEquals(FlatRegion.Kind.RECTIFYING, a.kind());
        assertThrows(IllegalArgumentException.class, () -> UnitActivity.of(relu, new float[0][]));
    }
}
