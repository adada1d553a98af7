package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SolveCommandTest {

    /** The CLI prints the core's doubles in full precision; only JSON round-off may differ. */
    private static final double SAME = 1e-12;

    /** Tolerance the brief asks for against the core solver. */
    private static final double SOLVER = 1e-9;

    @Test
    void tanhJsonHasTheDocumentedKeysAndTheCoreSolution() {
        CliRun r = CliRun.of("solve", "--activation", "tanh", "--sigma-b", "0.2", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode n = r.json();
        assertEquals(
                List.of(
                        "activation",
                        "sigma_b",
                        "sigma_w",
                        "q_star",
                        "chi_1",
                        "chi_q",
                        "stable",
                        "beta_q"),
                CliRun.keys(n));
        EocPoint p = EdgeOfChaos.solve(Activations.tanh(), 0.2);
        assertEquals("tanh", n.get("activation").asText());
        assertEquals(p.sigmaW(), n.get("sigma_w").asDouble(), SOLVER);
        assertEquals(p.qStar(), n.get("q_star").asDouble(), SAME);
        assertEquals(1.0, n.get("chi_1").asDouble(), SOLVER);
        assertTrue(n.get("stable").asBoolean());
        assertTrue(n.get("beta_q").isNumber());
    }

    @Test
    void reluHasNullQStarAndBetaQ() {
        CliRun r = CliRun.of("solve", "--activation", "relu", "--sigma-b", "0", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode n = r.json();
        assertTrue(n.get("q_star").isNull());
        assertTrue(n.get("beta_q").isNull());
        assertEquals(Math.sqrt(2), n.get("sigma_w").asDouble(), SAME);
    }

    @Test
    void reluHumanOutputExplainsTheUndeterminedQStar() {
        CliRun r = CliRun.of("solve", "--activation", "relu", "--sigma-b", "0");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("q* is not determined: every q is a fixed point"), r::toString);
        assertFalse(r.out().contains("runs away"), r::toString);
    }

    @Test
    void unstablePointIsExplainedInPlainLanguage() {
        CliRun r = CliRun.of("solve", "--activation", "shifted_softplus", "--sigma-b", "0.1");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("> 1: q_l runs away from q*"), r::toString);
        assertTrue(r.out().contains("fail to train"), r::toString);
    }

    @Test
    void qStarParametrizationReturnsThatQStar() {
        CliRun r = CliRun.of("solve", "--activation", "tanh", "--q-star", "1", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).atQStar(1);
        assertEquals(1.0, r.json().get("q_star").asDouble(), SAME);
        assertEquals(p.sigmaB(), r.json().get("sigma_b").asDouble(), SAME);
    }

    @Test
    void allListsEveryRootAsAnArray() {
        CliRun r =
                CliRun.of("solve", "--activation", "tanh", "--sigma-b", "0.2", "--all", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode n = r.json();
        assertTrue(n.isArray());
        assertEquals(
                EdgeOfChaos.of(Activations.tanh()).solveAll(0.2).size(), n.size(), r::toString);
    }

    @Test
    void withoutSigmaBTheRecommendedPointIsShown() {
        CliRun r = CliRun.of("solve", "--activation", "elu", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(EdgeOfChaos.ELU_SIGMA_B, r.json().get("sigma_b").asDouble(), SOLVER);
    }

    @Test
    void reluWithPositiveSigmaBExitsTwoNamingTheValue() {
        CliRun r = CliRun.of("solve", "--activation", "relu", "--sigma-b", "0.5");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("eoc: "), r::toString);
        assertTrue(r.err().contains("0.5"), r::toString);
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace");
    }

    @Test
    void unknownActivationExitsTwoNamingIt() {
        CliRun r = CliRun.of("solve", "--activation", "nosuchthing", "--sigma-b", "0.2");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("nosuchthing"), r::toString);
        assertTrue(r.err().contains("tanh"), "lists the known activations: " + r);
    }

    @Test
    void missingActivationListsTheKnownOnes() {
        CliRun r = CliRun.of("solve", "--sigma-b", "0.2");
        assertEquals(2, r.exitCode(), r::toString);
        for (String name : Activations.names()) {
            assertTrue(r.err().contains(name), () -> name + " missing in " + r);
        }
    }

    @Test
    void badNumberIsAUsageError() {
        CliRun r = CliRun.of("solve", "--activation", "tanh", "--sigma-b", "abc");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("eoc: ") && r.err().contains("abc"), r::toString);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"solve", "analyze", "propagate", "curve", "phase-diagram", "convergence"})
    void everyCommandHasHelp(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Usage: eoc " + command), r::toString);
    }
}
