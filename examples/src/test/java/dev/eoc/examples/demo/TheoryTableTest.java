package dev.eoc.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.Criticality;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.meanfield.InitVariances;
import java.util.List;
import org.junit.jupiter.api.Test;

class TheoryTableTest {

    /** The EOC solver's own accuracy in sigma_w (EdgeOfChaos javadoc: 1e-12 relative). */
    private static final double SOLVER_TOLERANCE = 1e-12;

    private static final List<TheoryRow> ROWS = TheoryTable.compute(TheoryTable.ACTIVATIONS);

    private static TheoryRow row(String activation, String init) {
        return ROWS.stream()
                .filter(r -> r.activation().equals(activation) && r.init().equals(init))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void eocRowsAreTheRecommendedPointsOfCore() {
        // recommended sigma_b: tanh 0.2, ELU 0.1 (Hayou et al. 2019); ReLU's EOC is (0, sqrt 2)
        assertEquals(
                EdgeOfChaos.solve(Activations.parse("tanh"), EdgeOfChaos.TANH_SIGMA_B).sigmaW(),
                row("tanh", TheoryRow.EOC).sigmaW(),
                SOLVER_TOLERANCE);
        assertEquals(
                EdgeOfChaos.solve(Activations.parse("elu"), EdgeOfChaos.ELU_SIGMA_B).sigmaW(),
                row("elu(1)", TheoryRow.EOC).sigmaW(),
                SOLVER_TOLERANCE);
        assertEquals(Math.sqrt(2), row("relu", TheoryRow.EOC).sigmaW(), SOLVER_TOLERANCE);
        assertEquals("EOC (stable)", row("tanh", TheoryRow.EOC).phase());
        assertEquals("EOC (neutral)", row("relu", TheoryRow.EOC).phase());
        assertEquals(Double.POSITIVE_INFINITY, row("tanh", TheoryRow.EOC).trainableDepth());
    }

    @Test
    void frameworkDefaultsAreAnalysedAtTheirSigmaW() {
        TheoryRow djl = row("tanh", "DJL default");
        double expected =
                Criticality.analyze(Activations.parse("tanh"), InitVariances.ofStd(Math.sqrt(2), 0))
                        .trainableDepth();
        assertEquals(expected, djl.trainableDepth(), 0.0);
        assertEquals("chaotic", djl.phase());
        // tanh with sigma_w = 1, sigma_b = 0: q_l -> 0 like 1/l, no fixed point to analyse
        assertEquals("q_l -> 0", row("tanh", "DL4J default").phase());
        // DJL's He-like default is exactly ReLU's Edge of Chaos, where every q is fixed
        assertEquals("EOC (neutral)", row("relu", "DJL default").phase());
        assertTrue(Double.isNaN(row("relu", "DJL default").qStar()));
        assertEquals(9, ROWS.size());
    }

    @Test
    void renderedTableNamesEachActivationOnceAndPrintsSigmaWToTenDecimals() {
        String text = TheoryTable.render(ROWS);
        List<String> lines = text.lines().toList();
        assertEquals(10, lines.size(), text);
        assertTrue(lines.get(1).startsWith("  tanh     EOC           0.2   1.3041458401 "), text);
        assertTrue(lines.get(2).contains("130 layers"), text);
        assertTrue(lines.get(7).contains(" any "), text);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("  relu")).count(), text);
        assertEquals("1", TheoryTable.number(1.0));
        assertEquals("0.2", TheoryTable.number(0.2));
        assertEquals("-", TheoryTable.depth(Double.NaN));
        assertEquals("unlimited", TheoryTable.depth(Double.POSITIVE_INFINITY));
    }
}
