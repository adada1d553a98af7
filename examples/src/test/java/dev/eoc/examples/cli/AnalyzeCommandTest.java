package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzeCommandTest {

    @Test
    void tanhAtOneOneIsOrderedWithAllKeys() {
        CliRun r =
                CliRun.of(
                        "analyze",
                        "--activation",
                        "tanh",
                        "--sigma-b",
                        "1",
                        "--sigma-w",
                        "1",
                        "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode n = r.json();
        assertEquals(
                List.of(
                        "activation",
                        "sigma_b",
                        "sigma_w",
                        "variance",
                        "q_star",
                        "chi_1",
                        "chi_q",
                        "c_star",
                        "xi_q",
                        "xi_c",
                        "phase",
                        "trainable_depth"),
                CliRun.keys(n));
        assertEquals("ordered", n.get("phase").asText());
        assertEquals("converged", n.get("variance").asText());
        assertTrue(n.get("chi_1").asDouble() < 1);
        assertEquals(1.0, n.get("c_star").asDouble());
    }

    @Test
    void largeSigmaWIsChaoticWithFiniteDepthScale() {
        CliRun r =
                CliRun.of(
                        "analyze",
                        "--activation",
                        "tanh",
                        "--sigma-b",
                        "0.3",
                        "--sigma-w",
                        "3",
                        "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode n = r.json();
        assertEquals("chaotic", n.get("phase").asText());
        assertTrue(n.get("c_star").asDouble() < 1);
        assertTrue(n.get("xi_c").asDouble() > 0);
    }

    @Test
    void onTheEdgeOfChaosTheDepthScaleIsInfiniteAndWrittenAsNull() {
        EocPoint p = EdgeOfChaos.solve(Activations.tanh(), 0.2);
        CliRun r =
                CliRun.of(
                        "analyze",
                        "--activation",
                        "tanh",
                        "--sigma-b",
                        Double.toString(p.sigmaB()),
                        "--sigma-w",
                        Double.toString(p.sigmaW()),
                        "--q0",
                        Double.toString(p.qStar()),
                        "--json");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("edge_of_chaos", r.json().get("phase").asText(), r::toString);
        assertTrue(r.json().get("xi_c").isNull());
        assertTrue(r.json().get("trainable_depth").isNull());
    }

    @Test
    void divergingVarianceIsReportedPlainly() {
        CliRun json =
                CliRun.of(
                        "analyze",
                        "--activation",
                        "relu",
                        "--sigma-b",
                        "0",
                        "--sigma-w",
                        "2",
                        "--json");
        assertEquals(0, json.exitCode(), json::toString);
        assertEquals("diverges", json.json().get("variance").asText());
        assertTrue(json.json().get("q_star").isNull());
        assertTrue(json.json().get("phase").isNull());
        CliRun text =
                CliRun.of("analyze", "--activation", "relu", "--sigma-b", "0", "--sigma-w", "2");
        assertTrue(text.out().contains("diverges"), text::toString);
    }

    @Test
    void negativeQ0ExitsTwoNamingTheValue() {
        CliRun r =
                CliRun.of(
                        "analyze",
                        "--activation",
                        "tanh",
                        "--sigma-b",
                        "1",
                        "--sigma-w",
                        "1",
                        "--q0",
                        "-3");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("-3"), r::toString);
    }
}
