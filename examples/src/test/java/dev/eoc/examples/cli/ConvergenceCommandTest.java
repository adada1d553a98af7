package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.examples.report.Charts;
import dev.eoc.examples.report.EocConvergence;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvergenceCommandTest {

    /**
     * tanh at l = 200: 1 - c_l = beta_q / l + O(log l / l^2) (Hayou et al. 2019, Prop. 3); the
     * correction is about 2% there.
     */
    private static final double SMOOTH_RELATIVE = 0.05;

    /** ReLU at l = 200: the 1/l^2 law has a slowly decaying relative correction (~13% here). */
    private static final double RELU_RELATIVE = 0.2;

    @Test
    void writesCsvPngAndTable(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("conv.csv");
        Path png = dir.resolve("conv.png");
        CliRun r =
                CliRun.of(
                        "convergence",
                        "--activations",
                        "relu,elu,tanh",
                        "--depth",
                        "50",
                        "--csv",
                        csv.toString(),
                        "--png",
                        png.toString());
        assertEquals(0, r.exitCode(), r::toString);
        CsvFile f = CsvFile.read(csv);
        f.assertProvenance("convergence");
        assertEquals("activation,sigma_b,sigma_w,layer,one_minus_c,theory", f.header());
        assertEquals(150, f.rows().size());
        CsvFile.assertPng(png, Charts.WIDTH, Charts.HEIGHT);
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("50 ")), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("10 ")), r::toString);
    }

    @Test
    void approachesTheAsymptoticLaws() {
        EocConvergence tanh = EocConvergence.at(Activations.tanh(), 200, 0.5);
        assertEquals(1, tanh.oneMinusC()[200] / tanh.theory()[200], SMOOTH_RELATIVE);
        EocConvergence relu = EocConvergence.at(Activations.relu(), 200, 0.5);
        assertEquals(9 * Math.PI * Math.PI / (2 * 200.0 * 200.0), relu.theory()[200], 1e-18);
        assertEquals(1, relu.oneMinusC()[200] / relu.theory()[200], RELU_RELATIVE);
    }

    @Test
    void unknownActivationInListExitsTwo() {
        CliRun r = CliRun.of("convergence", "--activations", "relu,bogus", "--depth", "5");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("bogus"), r::toString);
    }

    /** Issue 16 (7): --c0 1 ran (help says [-1, 1)) and 1.0000001 was told "[-1, 1]". */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1", "1.0000001", "-1.5", "NaN"})
    void c0OutsideMinusOneToOneIsRefusedWithTheHelpsRange(String c0) {
        CliRun r = CliRun.of("convergence", "--activations", "tanh", "--c0", c0);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--c0 must be in [-1, 1)"), r.err());
        assertTrue(r.err().contains("e.g. --c0 0.5"), r.err());
    }

    /**
     * Issue 13 (1): plain and residual side by side. ReLU at its EOC point through residual blocks
     * (A = 1) approaches Prop. 1's gamma 9 pi^2 / (2 l^2), gamma = 4 (drawn beside it), and
     * converges more slowly than the plain network.
     */
    @Test
    void residualReluFollowsPropositionOneBesideThePlainNetwork() {
        EocConvergence plain = EocConvergence.at(Activations.relu(), 35, 0.0);
        EocConvergence res = EocConvergence.residual(Activations.relu(), 35, 0.0, 1.0);
        assertEquals("residual relu (A = 1.00)", res.label());
        assertEquals(4 * 9 * Math.PI * Math.PI / (2 * 35.0 * 35.0), res.theory()[35], 1e-15);
        // far from the asymptote at 35 blocks (0.47 of it; 5% at l = 1000, ResidualMeanFieldTest),
        // but approaching it
        double at10 = res.oneMinusC()[10] / res.theory()[10];
        double at35 = res.oneMinusC()[35] / res.theory()[35];
        assertTrue(at10 < at35 && at35 < 1, at10 + " -> " + at35);
        assertTrue(res.oneMinusC()[35] > plain.oneMinusC()[35]);
        CliRun r =
                CliRun.of(
                        "convergence", "--activations", "relu,tanh", "--depth", "30", "--residual");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("residual relu (A = 1.00)"), r.out());
        assertTrue(r.out().contains("residual tanh (A = 1.00)"), r.out());
        CliRun deep =
                CliRun.of("convergence", "--activations", "relu", "--depth", "200", "--residual");
        assertEquals(2, deep.exitCode(), deep.toString());
        assertTrue(deep.err().contains("e.g. --branch-scale 0.0707"), deep.err());
    }
}
