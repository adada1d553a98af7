package dev.eoc.core.meanfield;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChebyshevTest {

    /** Rounding of O(n) operations on O(1) values. */
    private static final double ROUNDING = 1e-14;

    @Test
    void coefficientsOfAChebyshevPolynomialAreAUnitVector() {
        double[] x = Chebyshev.points(8);
        double[] t3 = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            t3[j] = 4 * x[j] * x[j] * x[j] - 3 * x[j];
        }
        assertArrayEquals(
                new double[] {0, 0, 0, 1, 0, 0, 0, 0, 0}, Chebyshev.coefficients(t3), ROUNDING);
    }

    @Test
    void interpolantOfAnEntireFunctionConvergesAndSaysSo() {
        double[] x = Chebyshev.points(20);
        double[] f = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            f[j] = Math.exp(x[j]);
        }
        double[] a = Chebyshev.coefficients(f);
        // exp's coefficients are 2 I_k(1) ~ 1 / (2^(k-1) k!): 6e-20 at k = 20
        assertTrue(Chebyshev.tail(a) < ROUNDING);
        assertTrue(Chebyshev.resolved(a, 1, 1e-14, 0));
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            double t = 2 * random.nextDouble() - 1;
            assertEquals(Math.exp(t), Chebyshev.evaluate(a, t), ROUNDING);
        }
    }

    @Test
    void tensorInterpolantOfAPolynomialIsExact() {
        double[] x = Chebyshev.points(4);
        double[] y = Chebyshev.points(6);
        double[][] f = new double[x.length][y.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                f[i][j] = x[i] * y[j] * y[j] - 2 * x[i] * x[i] + 1;
            }
        }
        double[][] a = Chebyshev.coefficients(f);
        assertTrue(Chebyshev.tail(a, 0) < ROUNDING && Chebyshev.tail(a, 1) < ROUNDING);
        double[] tx = new double[x.length];
        double[] ty = new double[y.length];
        Chebyshev.basis(0.3, tx);
        Chebyshev.basis(-0.7, ty);
        assertEquals(0.3 * 0.49 - 2 * 0.09 + 1, Chebyshev.evaluate(a, tx, ty), ROUNDING);
    }

    @Test
    void aNoisePlateauIsResolvedButSlowDecayIsNot() {
        Random random = new Random(2);
        double[] noise = new double[33];
        double[] slow = new double[33];
        noise[0] = 1;
        slow[0] = 1;
        for (int k = 1; k < noise.length; k++) {
            noise[k] = 1e-13 * (random.nextDouble() - 0.5);
            slow[k] = Math.pow(2, -k); // 5e-10 at k = 31: unresolved at 1e-14
        }
        assertTrue(Chebyshev.resolved(noise, 1, 1e-14, 1e-10));
        assertFalse(Chebyshev.resolved(noise, 1, 1e-14, 0));
        assertFalse(Chebyshev.resolved(slow, 1, 1e-14, 1e-10));
    }
}
