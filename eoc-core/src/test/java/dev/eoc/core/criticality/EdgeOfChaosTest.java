package dev.eoc.core.criticality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeOfChaosTest {

    /**
     * Three kinds of point: ReLU's is marginal (every q fixed, chi_q = 1: neither stable nor
     * unstable), tanh's stable (chi_q &lt; 1), shifted softplus's unstable (chi_q &gt; 1 at q*).
     */
    @Test
    void pointsAreStableMarginalOrUnstable() {
        EocPoint relu = EdgeOfChaos.of(Activations.relu()).recommended();
        assertTrue(relu.marginal() && !relu.unstable() && !relu.stable(), relu.toString());
        EocPoint tanh = EdgeOfChaos.of(Activations.tanh()).recommended();
        assertTrue(tanh.stable() && !tanh.marginal() && !tanh.unstable(), tanh.toString());
        EocPoint softplus = EdgeOfChaos.of(Activations.parse("shifted_softplus")).solve(0.2);
        assertTrue(softplus.unstable() && !softplus.marginal(), softplus.toString());
    }

    @Test
    void reluLikeClosedForms() {
        EocPoint relu = EdgeOfChaos.solve(Activations.relu(), 0);
        assertEquals(Math.sqrt(2), relu.sigmaW(), 1e-15);
        assertEquals(0, relu.sigmaB(), 0);
        assertTrue(Double.isNaN(relu.qStar()), "every q is a fixed point of ReLU on the EOC");
        EocPoint leaky = EdgeOfChaos.solve(Activations.leakyRelu(0.2), 0);
        assertEquals(Math.sqrt(2 / 1.04), leaky.sigmaW(), 1e-15);
    }

    @Test
    void reluLikeAtPositiveSigmaBIsAClearError() {
        NoEdgeOfChaosException e =
                assertThrows(
                        NoEdgeOfChaosException.class,
                        () -> EdgeOfChaos.solve(Activations.relu(), 0.1));
        assertTrue(e.getMessage().contains("sigma_b = 0"), e.getMessage());
        assertTrue(e.getMessage().contains("0.1"), e.getMessage());
    }

    @Test
    void erfEdgeOfChaosTendsToSqrtPiOverTwo() {
        // closed form: sigma_w^2 = 1/D(q*) = (pi/4) sqrt(1 + 4 q*) -> pi/4 as q* -> 0
        EdgeOfChaos erf = EdgeOfChaos.of(Activations.erf());
        assertEquals(Math.sqrt(Math.PI) / 2, erf.atQStar(1e-14).sigmaW(), 1e-12);
        EocPoint p = erf.solve(0.3);
        assertEquals(Math.PI / 4 * Math.sqrt(1 + 4 * p.qStar()), p.sigmaW() * p.sigmaW(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tanh",
                "elu(1)",
                "selu",
                "erf",
                "swish",
                "gelu",
                "mish",
                "hard_tanh",
                "sigmoid"
            })
    void pointsAreOnTheEdgeAndRoundTripThroughQStar(String spec) {
        ActivationFunction phi = Activations.parse(spec);
        for (double sigmaB : new double[] {0.1, 0.5}) {
            EocPoint p = EdgeOfChaos.solve(phi, sigmaB);
            assertEquals(sigmaB, p.sigmaB(), 1e-9, spec);
            MeanField f = MeanField.of(phi, InitVariances.ofStd(p.sigmaW(), p.sigmaB()));
            assertEquals(1.0, f.chi1(p.qStar()), 1e-12, spec + " chi_1 = 1");
            assertEquals(
                    p.qStar(), f.varianceMap(p.qStar()), 1e-12 * p.qStar(), spec + " F(q*) = q*");
            assertEquals(f.varianceMapSlope(p.qStar()), p.chiQ(), 1e-12, spec + " chi_q");
            EocPoint back = EdgeOfChaos.of(phi).atQStar(p.qStar());
            assertEquals(p.sigmaW(), back.sigmaW(), 1e-14 * p.sigmaW(), spec);
        }
    }

    @Test
    void softplusHasNoEdgeOfChaos() {
        NoEdgeOfChaosException e =
                assertThrows(
                        NoEdgeOfChaosException.class,
                        () -> EdgeOfChaos.solve(Activations.softplus(), 0.2));
        assertTrue(e.getMessage().contains("no Edge of Chaos"), e.getMessage());
    }

    @Test
    void stabilityAsTheIssueDescribes() {
        for (String spec : List.of("swish", "gelu", "mish")) {
            assertFalse(EdgeOfChaos.solve(Activations.parse(spec), 0.1).stable(), spec + " at 0.1");
        }
        assertTrue(EdgeOfChaos.solve(Activations.swish(), 1.0).stable());
        for (double sigmaB : new double[] {0.05, 0.1, 0.2, 0.3, 0.5, 1.0}) {
            EocPoint p = EdgeOfChaos.solve(Activations.shiftedSoftplus(), sigmaB);
            assertTrue(p.chiQ() > 1, "shifted softplus unstable at " + sigmaB);
        }
        assertTrue(EdgeOfChaos.solve(Activations.tanh(), 0.2).stable());
    }

    @Test
    void recommendedPoints() {
        assertEquals(0.2, EdgeOfChaos.of(Activations.tanh()).recommended().sigmaB(), 1e-12);
        assertEquals(0.1, EdgeOfChaos.of(Activations.elu(1)).recommended().sigmaB(), 1e-12);
        assertEquals(0, EdgeOfChaos.of(Activations.relu()).recommended().sigmaB(), 0);
        EocPoint swish = EdgeOfChaos.of(Activations.swish()).recommended();
        assertTrue(swish.stable(), "recommended points are stable");
        assertThrows(
                NoEdgeOfChaosException.class,
                () -> EdgeOfChaos.of(Activations.shiftedSoftplus()).recommended());
    }

    @Test
    void curveMarksStableAndUnstableParts() {
        List<EocPoint> curve = EdgeOfChaos.of(Activations.swish()).curve(0.05, 1.0, 8);
        assertEquals(8, curve.size());
        assertFalse(curve.get(0).stable());
        assertTrue(curve.get(curve.size() - 1).stable());
        assertThrows(
                IllegalArgumentException.class,
                () -> EdgeOfChaos.of(Activations.tanh()).curve(1, 0.5, 5));
    }

    @Test
    void badSigmaBIsRejected() {
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> EdgeOfChaos.solve(Activations.tanh(), bad));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    /**
     * The error names the range both ways and the direction that works, and its example value
     * solves (it used to tell SELU at sigma_b = 0, below the range, to choose a smaller sigma_b).
     */
    @org.junit.jupiter.api.Test
    void noPointErrorGivesTheRangeAndAnExampleThatWorks() {
        for (double sigmaB : new double[] {0.0, 100.0}) {
            NoEdgeOfChaosException e =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            NoEdgeOfChaosException.class,
                            () -> EdgeOfChaos.of(Activations.selu()).solve(sigmaB));
            String m = e.getMessage();
            org.junit.jupiter.api.Assertions.assertTrue(
                    m.contains(
                            sigmaB == 0 ? "choose a larger sigma_b" : "choose a smaller sigma_b"),
                    m);
            double example = Double.parseDouble(m.substring(m.lastIndexOf("e.g. ") + 5));
            EocPoint p = EdgeOfChaos.of(Activations.selu()).solve(example);
            org.junit.jupiter.api.Assertions.assertEquals(1.0, p.chi1(), 1e-9, m);
        }
    }
}
