package dev.eoc.core.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Mehler series computed for a limited reach |c| against the full one. */
class MehlerSeriesTest {

    /** The series' own accuracy (1e-12 relative to V and D) with a margin for two of them. */
    private static final double TOLERANCE = 3e-12;

    private static final double[] VARIANCES = {0.05, 0.5, 1.2, 4, 17, 50};

    private static final double[] CORRELATIONS = {0.75, 0.5, 0.1, 0, -0.3, -0.75};

    /**
     * Series of reach 0.75 (the short rule, at most 96 terms) agree with the full series (fine
     * rule, up to 200 terms) wherever both say they are accurate, and are accurate within reach.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tanh", "elu", "gelu", "swish", "selu", "softplus", "sigmoid"})
    void aShortSeriesAgreesWithTheFullOne(String spec) {
        ActivationFunction phi = Activations.parse(spec);
        for (double q : VARIANCES) {
            MehlerSeries full = MehlerSeries.compute(phi, q);
            MehlerSeries shortOne = MehlerSeries.compute(phi, q, MehlerSeries.SHORT_REACH);
            double v = Expectations.of(phi).moments(q).v();
            double d = Expectations.of(phi).moments(q).d();
            for (double c : CORRELATIONS) {
                assertTrue(shortOne.accurateAt(c), spec + " q " + q + " c " + c);
                if (full.accurateAt(c)) {
                    assertEquals(full.product(c), shortOne.product(c), TOLERANCE * v, spec + " C");
                    assertEquals(
                            full.derivativeProduct(c),
                            shortOne.derivativeProduct(c),
                            TOLERANCE * d,
                            spec + " C'");
                }
            }
        }
    }

    /** A series computed for |c| = 0.5 says it is not accurate at 0.99, where it would not be. */
    @ParameterizedTest
    @ValueSource(strings = {"tanh", "elu"})
    void aPartialSeriesKnowsItsReach(String spec) {
        MehlerSeries partial = MehlerSeries.compute(Activations.parse(spec), 3, 0.5);
        assertTrue(partial.partial());
        assertTrue(partial.accurateAt(0.5));
        assertFalse(partial.accurateAt(0.99));
        // and the expectations extend it on such a query: same value as a fresh full series
        NumericalExpectations e = new NumericalExpectations(Activations.parse(spec));
        e.product(3, 0.5);
        double extended = e.product(3, 0.99);
        double fresh = new NumericalExpectations(Activations.parse(spec)).product(3, 0.99);
        assertEquals(fresh, extended, 1e-14);
    }
}
