package dev.eoc.examples.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    /** A handful of sums of short decimals: exact to a few ulps. */
    private static final double TIGHT = 1e-15;

    @Test
    void sampleStandardDeviationDividesByNMinusOne() {
        // mean 0.93; deviations -0.03, -0.01, 0.04; squares sum to 0.0026; / (3 - 1) = 0.0013
        Stats s = Stats.of(0.90, 0.92, 0.97);
        assertEquals(3, s.n());
        assertEquals(0.93, s.mean(), TIGHT);
        assertEquals(Math.sqrt(0.0013), s.std(), TIGHT);
        assertEquals("93.00 ± 3.61", s.scaled(100).format());
    }

    @Test
    void oneValueHasNoSpread() {
        Stats s = Stats.of(0.4855);
        assertTrue(Double.isNaN(s.std()));
        assertEquals("48.55 (n=1)", s.scaled(100).format());
    }

    @Test
    void noValueIsAnError() {
        assertThrows(IllegalArgumentException.class, Stats::of);
    }
}
