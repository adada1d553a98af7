package dev.eoc.core.criticality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.InitVariances;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhaseDiagramTest {

    /** Newton and the reference iteration both stop at 1e-14 to 1e-15 relative. */
    private static final double Q_TOLERANCE = 1e-12;

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "elu", "relu", "hard_tanh"})
    void cellsAgreeWithTheFullAnalysis(String spec) {
        ActivationFunction phi = Activations.parse(spec);
        PhaseDiagram.Grid grid = new PhaseDiagram.Grid(0.5, 3, 0, 1.5, 6);
        List<Integer> rows = new ArrayList<>();
        PhaseDiagram d = PhaseDiagram.compute(phi, grid, row -> rows.add(row.index()));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), rows, "rows are reported in order as they finish");
        for (int i = 0; i < grid.size(); i++) {
            for (int j = 0; j < grid.size(); j++) {
                Analysis fast = d.cell(i, j);
                Analysis full =
                        Criticality.analyze(
                                phi, InitVariances.ofStd(grid.sigmaW(j), grid.sigmaB(i)));
                assertNotNull(fast);
                String where =
                        spec + " at sigma_b " + grid.sigmaB(i) + ", sigma_w " + grid.sigmaW(j);
                assertEquals(full.variance(), fast.variance(), where);
                assertEquals(full.phase(), fast.phase(), where);
                if (full.phase() != null) {
                    assertEquals(full.qStar(), fast.qStar(), Q_TOLERANCE * full.qStar(), where);
                    assertEquals(full.chi1(), fast.chi1(), 1e-11, where);
                    assertEquals(full.cStar(), fast.cStar(), 1e-10, where);
                }
            }
        }
    }
}
