package dev.eoc.core.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.Trajectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Layer-by-layer q_l and c_l against trajectory.csv (mpmath; see its header for precision). */
class TrajectoryReferenceTest {

    /** The bound for correlation-map values and trajectories. */
    private static final double ABSOLUTE = 1e-10;

    /** The bound for ReLU's 1 - c_l at l = 200 (about 2e-4 there). */
    private static final double RELU_GAP_RELATIVE = 1e-5;

    @Test
    void trajectoriesMatchTheTable() {
        Map<String, List<ReferenceTable.Row>> cases = new LinkedHashMap<>();
        for (ReferenceTable.Row row : ReferenceTable.load("trajectory.csv")) {
            String key =
                    String.join(
                            ",",
                            row.text("activation"),
                            row.text("sigma_b"),
                            row.text("sigma_w"),
                            row.text("q0"),
                            row.text("c0"));
            cases.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        assertTrue(cases.size() >= 4, "cases: " + cases.keySet());
        for (Map.Entry<String, List<ReferenceTable.Row>> e : cases.entrySet()) {
            List<ReferenceTable.Row> rows = e.getValue();
            ReferenceTable.Row first = rows.get(0);
            MeanField field =
                    MeanField.of(
                            Activations.parse(first.text("activation")),
                            InitVariances.ofStd(first.number("sigma_w"), first.number("sigma_b")));
            int depth = (int) rows.get(rows.size() - 1).number("layer");
            Trajectory t = field.propagate(first.number("q0"), first.number("c0"), depth);
            double[] q = t.q();
            double[] c = t.c();
            for (ReferenceTable.Row row : rows) {
                int l = (int) row.number("layer");
                String where = e.getKey() + " layer " + l;
                assertEquals(row.number("q"), q[l], ABSOLUTE * Math.max(1, q[l]), where + " q");
                assertEquals(row.number("c"), c[l], ABSOLUTE, where + " c");
                if (first.text("activation").equals("relu") && l == 200) {
                    double gap = row.number("one_minus_c");
                    assertEquals(gap, 1 - c[l], RELU_GAP_RELATIVE * gap, where + " 1 - c");
                }
            }
        }
    }
}
