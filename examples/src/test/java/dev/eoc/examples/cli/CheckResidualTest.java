package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.ResidualMeanField;
import dev.eoc.core.meanfield.Trajectory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code eoc check --arch resmlp} in both frameworks (width 300, depth 20: seconds). */
class CheckResidualTest {

    /**
     * The theory for the actual weights against the nominal one: fan_in Var(W) of a 300 x 300
     * matrix has relative standard error sqrt(2 / 90000) = 0.5%, which moves c_l by well under 0.02
     * over 20 layers.
     */
    private static final double ACTUAL_VS_NOMINAL = 0.02;

    /**
     * tanh at its EOC point, A = 0.5: healthy, no layer outside the finite-width band, and the
     * theory printed is the residual one: block b's Linear output has c = (sigma_b^2 + sigma_w^2
     * C(q_y, c_y)) / F(q_y) of the stream {@link ResidualMeanField} gives, not the plain c-map.
     */
    @ParameterizedTest
    @ValueSource(strings = {"djl", "dl4j"})
    void aResidualTanhNetworkFollowsTheResidualTheory(String framework) {
        CliRun r =
                CliRun.of(
                        "check",
                        "--framework",
                        framework,
                        "--activation",
                        "tanh",
                        "--arch",
                        "resmlp",
                        "--branch-scale",
                        "0.5",
                        "--width",
                        "300",
                        "--depth",
                        "20",
                        "--json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode j = r.json();
        assertEquals("resmlp", j.get("arch").asText());
        assertEquals("healthy", j.get("verdict").asText(), r.out());
        assertEquals(0, j.get("layers_outside_band").asInt(), r.out());
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).recommended();
        InitVariances v = new InitVariances(p.weightVariance(), p.biasVariance());
        double q0 = j.get("q0").asDouble();
        double q1 = p.biasVariance() + p.weightVariance() * q0;
        double c1 = (p.biasVariance() + p.weightVariance() * q0 * 0.5) / q1;
        Trajectory stream = ResidualMeanField.of(Activations.tanh(), v, 0.5).propagate(q1, c1, 19);
        MeanField plain = MeanField.of(Activations.tanh(), v);
        for (int b = 1; b <= 19; b++) {
            double q = plain.varianceMap(stream.q()[b - 1]);
            double c = plain.covariance(stream.q()[b - 1], stream.c()[b - 1]) / q;
            assertEquals(
                    c, j.get("c_theory").get(b + 1).asDouble(), ACTUAL_VS_NOMINAL, "block " + b);
        }
        // the plain network's theory would be far from it: the check is not vacuous
        double plainC19 = plain.propagate(q1, c1, 19).c()[19];
        assertTrue(
                Math.abs(plainC19 - j.get("c_theory").get(20).asDouble()) > 0.1,
                "plain " + plainC19);
    }

    /**
     * ReLU with A = 1: q doubles per block, an exploding signal whose fix is the branch scale; the
     * fix's own command runs, and checking again at the branch scale it names is healthy.
     */
    @ParameterizedTest
    @ValueSource(strings = {"djl", "dl4j"})
    void reluWithBranchScaleOneExplodesAndTheAdviceWorks(String framework) {
        CliRun r =
                CliRun.of(
                        "check",
                        "--framework",
                        framework,
                        "--activation",
                        "relu",
                        "--arch",
                        "resmlp",
                        "--width",
                        "300",
                        "--depth",
                        "30");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("verdict: exploding_signal"), r.out());
        Matcher m =
                Pattern.compile("see \\./eoc (propagate [^;\\n]*--depth \\d+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        List<String> advice = new ArrayList<>(List.of(m.group(1).split(" ")));
        CliRun propagate = CliRun.of(advice.toArray(String[]::new));
        assertEquals(0, propagate.exitCode(), propagate.toString());
        String scale = advice.get(advice.indexOf("--branch-scale") + 1);
        CliRun again =
                CliRun.of(
                        "check",
                        "--framework",
                        framework,
                        "--activation",
                        "relu",
                        "--arch",
                        "resmlp",
                        "--branch-scale",
                        scale,
                        "--width",
                        "300",
                        "--depth",
                        "30");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("verdict: healthy"), again.out());
    }
}
