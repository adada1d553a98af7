package dev.eoc.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmpiricalStatisticsTest {

    /** Values below are exact in binary or a few float roundings away. */
    private static final double EXACT = 1e-12;

    @Test
    void meanSquareAveragesSecondMomentsOverRows() {
        float[][] rows = {{1, 1, 1, 1}, {2, 0, 0, 0}};
        // (4/4 + 4/4) / 2
        assertEquals(1.0, EmpiricalStatistics.meanSquare(rows), EXACT);
    }

    @Test
    void pairCorrelationUsesConsecutivePairsOnly() {
        float[][] rows = {{1, 0}, {1, 1}, {3, 0}, {-2, 0}};
        // pair 1: 1/sqrt(2); pair 2: -1
        assertEquals(
                (Math.sqrt(0.5) - 1) / 2, EmpiricalStatistics.meanPairCorrelation(rows), EXACT);
        assertThrows(
                IllegalArgumentException.class,
                () -> EmpiricalStatistics.meanPairCorrelation(new float[][] {{1}, {1}, {1}}));
    }

    @Test
    void weightVarianceIsFanInTimesPopulationVariance() {
        float[] w = {1, -1, 3, -3};
        // mean 0, variance (1+1+9+9)/4 = 5
        assertEquals(10 * 5.0, EmpiricalStatistics.weightVariance(w, 10), EXACT);
        assertEquals(1.0, EmpiricalStatistics.biasVariance(new float[] {2, 0, 2, 0}), EXACT);
        assertEquals(0.0, EmpiricalStatistics.biasVariance(new float[0]));
        assertThrows(
                IllegalArgumentException.class, () -> EmpiricalStatistics.weightVariance(w, 0));
    }
}
