package dev.eoc.core.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TabulatedExpectationsTest {

    /** Variances from a near-linear regime to a saturated one, as in phase diagrams. */
    private static final double[] VARIANCES = {1e-3, 0.7, 3, 400};

    /**
     * Correlations over [0, 1], crowding towards 1 where the pair expectations are least smooth.
     */
    private static final double[] CORRELATIONS = {0, 0.37, 0.8, 0.99, 0.99999, 1 - 1e-10, 1};

    /**
     * The moment table accepts 2e-15 of interpolation error; the quadrature it interpolates is held
     * to 1e-12 relative against 40-digit references (MomentsReferenceTest), and erf's D is off by
     * 1.8e-13 at q = 3 with or without the table. So the quadrature's bound.
     */
    private static final double MOMENT_TOLERANCE = 1e-12;

    /**
     * The pair table accepts 1e-13 of its panel's largest value, on top of the pair quadrature's
     * own ~1e-13 (measured worst: 1.8e-13 of D for erf's C'); 1e-12 relative to V and D.
     */
    private static final double PAIR_TOLERANCE = 1e-12;

    /** Closed forms as the oracle: the ReLU family's arc-cosine kernel, erf's arcsine kernel. */
    @ParameterizedTest
    @ValueSource(strings = {"relu", "leaky_relu(0.2)", "erf"})
    void tablesOverQuadratureMatchClosedForms(String spec) {
        ActivationFunction phi = Activations.parse(spec);
        Expectations closed = Expectations.of(phi);
        Expectations tabulated = new TabulatedExpectations(Expectations.numerical(phi));
        for (double q : VARIANCES) {
            Moments exact = closed.moments(q);
            Moments table = tabulated.moments(q);
            assertEquals(
                    exact.v(), table.v(), MOMENT_TOLERANCE * exact.v(), spec + " V(" + q + ")");
            assertEquals(
                    exact.d(), table.d(), MOMENT_TOLERANCE * exact.d(), spec + " D(" + q + ")");
            for (double c : CORRELATIONS) {
                String where = spec + " at q = " + q + ", c = " + c;
                assertEquals(
                        closed.product(q, c),
                        tabulated.product(q, c),
                        PAIR_TOLERANCE * exact.v(),
                        "C " + where);
                assertEquals(
                        closed.derivativeProduct(q, c),
                        tabulated.derivativeProduct(q, c),
                        PAIR_TOLERANCE * exact.d(),
                        "C' " + where);
            }
        }
    }

    /** erf has chaotic fixed points with a closed-form correlation map to compare c* against. */
    @ParameterizedTest
    @ValueSource(doubles = {0, 0.2, 1})
    void correlationFixedPointMatchesClosedForm(double sigmaB) {
        ActivationFunction erf = Activations.parse("erf");
        Expectations closed = Expectations.of(erf);
        Expectations tabulated = new TabulatedExpectations(Expectations.numerical(erf));
        for (double sigmaW : new double[] {1.5, 2, 3}) {
            InitVariances v = InitVariances.ofStd(sigmaW, sigmaB);
            MeanField exact = MeanField.of(closed, v);
            MeanField table = MeanField.of(tabulated, v);
            double q = exact.varianceFixedPoint(1).q();
            double c = exact.correlationFixedPoint(q);
            double chiC = exact.correlationSlope(q, c);
            // all these points have 1 - chi_c > 0.09 (c* in [0, 0.79] or 1): an error of 1e-12 V
            // in C moves c* by at most 1e-12 / (1 - chi_c), and chi_c by about as much
            String where = "erf at sigma_w " + sigmaW + ", sigma_b " + sigmaB;
            assertEquals(q, table.varianceFixedPoint(1).q(), MOMENT_TOLERANCE * q, where);
            double cTable = table.correlationFixedPoint(q);
            assertEquals(c, cTable, 1e-11, "c* " + where);
            assertEquals(chiC, table.correlationSlope(q, cTable), 1e-11, "chi_c " + where);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "elu", "hard_tanh", "swish"})
    void exactIdentitiesAndQuadratureOutsideTheTable(String spec) {
        ActivationFunction phi = Activations.parse(spec);
        Expectations numerical = Expectations.numerical(phi);
        Expectations tabulated = new TabulatedExpectations(numerical);
        for (double q : VARIANCES) {
            Moments m = tabulated.moments(q);
            assertEquals(m.v(), tabulated.product(q, 1), 0, spec + " C(q, 1) = V");
            assertEquals(m.d(), tabulated.derivativeProduct(q, 1), 0, spec + " C'(q, 1) = D");
            assertEquals(m.m() * m.m(), tabulated.product(q, 0), 0, spec + " C(q, 0) = M^2");
            // negative correlations are not tabulated: the quadrature answers
            assertEquals(numerical.product(q, -0.5), tabulated.product(q, -0.5), 0, spec);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "erf", "leaky_relu(0.1)"})
    void closedFormsAreNotTabulated(String spec) {
        ActivationFunction phi = Activations.parse(spec);
        assertSame(Expectations.of(phi).getClass(), Expectations.tabulated(phi).getClass());
    }
}
