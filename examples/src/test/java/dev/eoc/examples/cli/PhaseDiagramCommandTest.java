package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.Phase;
import dev.eoc.core.criticality.PhaseDiagram;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhaseDiagramCommandTest {

    @Test
    void writesCsvRowByRowAndAHeatMap(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("tanh.csv");
        Path png = dir.resolve("tanh.png");
        CliRun r =
                CliRun.of(
                        "phase-diagram",
                        "--activation",
                        "tanh",
                        "--grid",
                        "9",
                        "--csv",
                        csv.toString(),
                        "--png",
                        png.toString());
        assertEquals(0, r.exitCode(), r::toString);
        CsvFile f = CsvFile.read(csv);
        f.assertProvenance("phase-diagram --activation tanh");
        assertEquals("sigma_b,sigma_w,q_star,chi_1,xi_c,phase", f.header());
        assertEquals(81, f.rows().size());
        List<String> phases =
                f.rows().stream().map(l -> l.substring(l.lastIndexOf(',') + 1)).toList();
        assertTrue(phases.contains("ordered") && phases.contains("chaotic"), phases::toString);
        CsvFile.assertPng(png, PhaseDiagramCommand.WIDTH, PhaseDiagramCommand.HEIGHT);
        assertTrue(r.out().contains("ordered:"), r::toString);
        assertTrue(r.err().isEmpty(), "no progress for small grids: " + r);
    }

    @Test
    void gridPhasesFollowChi1AndRowsAreReported() {
        PhaseDiagram.Grid grid = new PhaseDiagram.Grid(0.5, 3, 0.5, 1, 3);
        List<Integer> rows = new ArrayList<>();
        PhaseDiagram d =
                PhaseDiagram.compute(Activations.tanh(), grid, row -> rows.add(row.index()));
        assertEquals(List.of(0, 1, 2), rows);
        for (int i = 0; i < 3; i++) {
            assertNotNull(d.cell(i, 0));
            assertEquals(Phase.ORDERED, d.cell(i, 0).phase(), "sigma_w = 0.5 is ordered");
            assertEquals(Phase.CHAOTIC, d.cell(i, 2).phase(), "sigma_w = 3 is chaotic");
            assertTrue(d.logChi1()[i][0] < 0 && d.logChi1()[i][2] > 0);
        }
        assertEquals(1.75, grid.sigmaW(1), 1e-15);
    }

    @Test
    void tooSmallGridIsAUsageError() {
        CliRun r = CliRun.of("phase-diagram", "--activation", "tanh", "--grid", "1");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--grid") && r.err().contains("1"), r::toString);
    }
}
