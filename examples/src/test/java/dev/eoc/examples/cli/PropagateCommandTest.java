package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropagateCommandTest {

    /** ReLU at (0, sqrt 2) keeps q exactly up to rounding of the closed-form arc-cosine map. */
    private static final double RELU_Q = 1e-12;

    private static final String SQRT2 = "1.4142135623730951";

    @Test
    void jsonArraysHaveDepthPlusOneValuesStartingAtTheInputs() {
        CliRun r =
                CliRun.of(
                        "propagate",
                        "--activation",
                        "relu",
                        "--sigma-b",
                        "0",
                        "--sigma-w",
                        SQRT2,
                        "--q0",
                        "1",
                        "--c0",
                        "0.5",
                        "--depth",
                        "200",
                        "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode n = r.json();
        assertEquals(201, n.get("q").size());
        assertEquals(201, n.get("c").size());
        assertEquals(0.5, n.get("c").get(0).asDouble());
        assertEquals(1.0, n.get("q").get(0).asDouble());
        assertEquals(1.0, n.get("q").get(200).asDouble(), RELU_Q);
        double c200 = n.get("c").get(200).asDouble();
        assertTrue(c200 > 0.99 && c200 <= 1, "c_l -> 1 on the EOC: " + c200);
    }

    @Test
    void tableShowsHeadPowersOfTwoAndLastLayer() {
        assertEquals(
                List.of(0, 1, 2, 3, 4, 8, 16, 32, 64, 128, 200),
                List.copyOf(PropagateCommand.shownLayers(200, null)));
        assertEquals(
                List.of(0, 1, 2, 3, 4, 50, 100, 150, 200),
                List.copyOf(PropagateCommand.shownLayers(200, 50)));
        assertEquals(6, PropagateCommand.shownLayers(5, null).size());
        CliRun r =
                CliRun.of(
                        "propagate",
                        "--activation",
                        "tanh",
                        "--sigma-b",
                        "0.2",
                        "--sigma-w",
                        "1.3",
                        "--depth",
                        "40");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("1 - c_l"), r::toString);
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("40 ")), r::toString);
    }

    @Test
    void depthZeroExitsTwoNamingTheValue() {
        CliRun r =
                CliRun.of(
                        "propagate",
                        "--activation",
                        "relu",
                        "--sigma-b",
                        "0",
                        "--sigma-w",
                        SQRT2,
                        "--depth",
                        "0");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("eoc: ") && r.err().contains("depth"), r::toString);
        assertTrue(r.err().contains("got 0"), r::toString);
    }

    @Test
    void correlationOutsideRangeExitsTwoNamingTheValue() {
        CliRun r =
                CliRun.of(
                        "propagate",
                        "--activation",
                        "relu",
                        "--sigma-b",
                        "0",
                        "--sigma-w",
                        SQRT2,
                        "--c0",
                        "2");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("c0") && r.err().contains("2.0"), r::toString);
    }

    @Test
    void nonPositiveQ0ExitsTwoNamingTheValue() {
        CliRun r =
                CliRun.of(
                        "propagate",
                        "--activation",
                        "relu",
                        "--sigma-b",
                        "0",
                        "--sigma-w",
                        SQRT2,
                        "--q0",
                        "-1");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("-1.0"), r::toString);
    }

    @Test
    void divergingVarianceExitsThree() {
        CliRun r =
                CliRun.of(
                        "propagate",
                        "--activation",
                        "relu",
                        "--sigma-b",
                        "0",
                        "--sigma-w",
                        "3",
                        "--depth",
                        "200");
        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("eoc: ") && r.err().contains("diverged"), r::toString);
    }

    /** Issue 13 (1): --residual follows the residual maps and, for ReLU at sigma_b = 0, Prop. 1. */
    @Test
    void residualPropagatesTheResidualMapsAndStatesPropositionOne() {
        CliRun r =
                CliRun.of(
                        "propagate",
                        "--activation",
                        "relu",
                        "--sigma-b",
                        "0",
                        "--sigma-w",
                        "1.4142135623730951",
                        "--depth",
                        "10",
                        "--residual",
                        "--json");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.json().get("residual").asBoolean());
        // ReLU at sigma_b = 0 with A = 1, sigma_w^2 = 2: q doubles every block
        assertEquals(1024, r.json().get("q").get(10).asDouble(), 1e-9);
        CliRun table =
                CliRun.of(
                        "propagate",
                        "--activation",
                        "relu",
                        "--sigma-b",
                        "0",
                        "--sigma-w",
                        "1.4142135623730951",
                        "--depth",
                        "10",
                        "--residual");
        assertTrue(table.out().contains("gamma = (1 + 2 / (A^2 sigma_w^2))^2 = 4"), table.out());
        CliRun alone =
                CliRun.of(
                        "propagate",
                        "--activation",
                        "tanh",
                        "--sigma-b",
                        "0.2",
                        "--sigma-w",
                        "1.3",
                        "--branch-scale",
                        "0.5");
        assertEquals(2, alone.exitCode(), alone.toString());
        assertTrue(alone.err().contains("needs --residual"), alone.err());
    }
}
