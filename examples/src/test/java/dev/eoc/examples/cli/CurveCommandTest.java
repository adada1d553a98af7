package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.examples.report.Charts;
import dev.eoc.examples.report.Series;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveCommandTest {

    /** Values are written with Double.toString, which round-trips exactly. */
    private static final double EXACT = 0;

    @Test
    void writesCsvAndPng(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("elu.csv");
        Path png = dir.resolve("out/elu.png");
        CliRun r =
                CliRun.of(
                        "curve",
                        "--activation",
                        "elu",
                        "--sigma-b-min",
                        "0.2",
                        "--sigma-b-max",
                        "1",
                        "--points",
                        "5",
                        "--csv",
                        csv.toString(),
                        "--png",
                        png.toString());
        assertEquals(0, r.exitCode(), r::toString);
        CsvFile f = CsvFile.read(csv);
        f.assertProvenance("curve --activation elu");
        assertEquals("sigma_b,sigma_w,q_star,chi_q,stable,beta_q", f.header());
        assertEquals(5, f.rows().size());
        String[] last = f.rows().get(4).split(",");
        EocPoint p = EdgeOfChaos.solve(Activations.elu(1), 1.0);
        assertEquals(p.sigmaW(), Double.parseDouble(last[1]), EXACT);
        assertEquals("true", last[4]);
        CsvFile.assertPng(png, Charts.WIDTH, Charts.HEIGHT);
    }

    /** Issue 15 (11): curve required --sigma-b-max; it defaults to 1 now. */
    @Test
    void sigmaBMaxHasADefault() {
        CliRun r = CliRun.of("curve", "--activation", "tanh", "--points", "5");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("1.0") || r.out().contains("1 "), r.out());
    }

    /** Help marks required options, inherited by every subcommand. */
    @Test
    void helpMarksRequiredOptions() {
        CliRun r = CliRun.of("check", "--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().matches("(?s).*\\*\\s+--framework.*"), r.out());
        assertTrue(r.out().contains("Options marked * are required."), r.out());
    }

    @Test
    void sigmaBWithoutAPointIsReportedAsSkipped() {
        // ELU's EOC has no point at sigma_b = 0 (q* -> 0 there), so 1 of 3 values is skipped
        CliRun r = CliRun.of("curve", "--activation", "elu", "--sigma-b-max", "1", "--points", "3");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("1 of 3 sigma_b values have no"), r::toString);
    }

    @Test
    void stableAndUnstableRunsBecomeSeparateSeriesThatMeet() {
        List<EocPoint> curve =
                List.of(
                        new EocPoint("x", 0.0, 1.0, 1, 1, 0.5, 1),
                        new EocPoint("x", 0.1, 1.1, 1, 1, 0.9, 1),
                        new EocPoint("x", 0.2, 1.2, 1, 1, 1.1, 1),
                        new EocPoint("x", 0.3, 1.3, 1, 1, 1.2, 1));
        List<Series> series = CurveCommand.series(curve);
        assertEquals(2, series.size());
        assertEquals(Series.Style.SOLID, series.get(0).style());
        assertEquals(2, series.get(0).size());
        // the unstable run starts at the last stable point so the drawn curve is connected
        assertEquals(0.1, series.get(1).x()[0]);
        assertEquals(3, series.get(1).size());
        assertTrue(series.get(0).inLegend() && series.get(1).inLegend());
    }

    @Test
    void emptyRangeIsAUsageError() {
        CliRun r =
                CliRun.of(
                        "curve",
                        "--activation",
                        "tanh",
                        "--sigma-b-min",
                        "1",
                        "--sigma-b-max",
                        "0.5");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("0.5"), r::toString);
    }
}
