package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code eoc check} on small DJL and DL4J networks (width 300, depth 8: a few seconds). */
class CheckCommandTest {

    @Test
    void jsonHasTheIssueKeysWithArraysOverLayersFromTheInput() {
        CliRun r =
                CliRun.of(
                        "check",
                        "--framework",
                        "djl",
                        "--activation",
                        "tanh",
                        "--sigma-b",
                        "0.2",
                        "--width",
                        "300",
                        "--depth",
                        "8",
                        "--seed",
                        "1",
                        "--json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode j = r.json();
        assertTrue(
                CliRun.keys(j)
                        .containsAll(
                                List.of(
                                        "q_empirical",
                                        "c_empirical",
                                        "q_theory",
                                        "c_theory",
                                        "max_abs_c_error")),
                CliRun.keys(j).toString());
        assertEquals(9, j.get("c_empirical").size());
        // index 0 is the input pair, built with correlation exactly 0.5 (float rounding only)
        assertEquals(0.5, j.get("c_empirical").get(0).asDouble(), 1e-6);
        assertEquals(0.5, j.get("c_theory").get(0).asDouble(), 1e-6);
        // one pair at width 300: per-layer fluctuations of c are a few times 1/sqrt(300) = 0.06
        assertTrue(j.get("max_abs_c_error").asDouble() < 0.25, r.out());
        assertEquals("healthy", j.get("verdict").asText());
    }

    /**
     * Issue 15 (7): an explicit (--sigma-b, --sigma-w) at a sigma_b where the activation has no EOC
     * point (SELU at sigma_b = 0) was refused; the point asked about is checked, with the input
     * scale taken from its own q* (SELU's self-normalizing q* = 1 at (0, 1)) and stated.
     */
    @Test
    void anExplicitPointWithoutAnEdgeOfChaosIsCheckedFromItsOwnQStar() {
        CliRun r =
                CliRun.of(
                        "check",
                        "--framework",
                        "djl",
                        "--activation",
                        "selu",
                        "--sigma-b",
                        "0",
                        "--sigma-w",
                        "1",
                        "--width",
                        "200",
                        "--depth",
                        "10",
                        "--json");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1.0, r.json().get("q0").asDouble(), 1e-6, r.out());
        assertEquals("q* of this point", r.json().get("q0_source").asText(), r.out());
        assertEquals(1.0, r.json().get("sigma_w").asDouble(), 0, r.out());
    }

    /** Where the point has no q* either (softplus, sigma_w^2 > 2: q_l diverges) q0 = 1, stated. */
    @Test
    void aPointWithoutAFixedPointStartsFromQ0OneAndSaysSo() {
        CliRun r =
                CliRun.of(
                        "check",
                        "--framework",
                        "djl",
                        "--activation",
                        "softplus",
                        "--sigma-b",
                        "0.5",
                        "--sigma-w",
                        "2",
                        "--width",
                        "100",
                        "--depth",
                        "5");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("q0 = 1 (this point has no q*)"), r.out());
    }

    @Test
    void orderedInitIsReportedAsOrdered() {
        CliRun r =
                CliRun.of(
                        "check",
                        "--framework",
                        "djl",
                        "--activation",
                        "tanh",
                        "--width",
                        "300",
                        "--depth",
                        "20",
                        "--init",
                        "ordered");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("verdict: ordered"), r.out());
        assertTrue(r.out().contains("increase sigma_w"), r.out());
    }

    /**
     * ReLU off its EOC point is a scale fault: sigma_w = 1 was called "ordered ... correlation
     * depth scale 1.443 layers", sigma_w = 2 "units saturate" with "max |c_l - theory| =
     * undefined".
     */
    @Test
    void reluOffItsEdgeOfChaosIsAScaleFaultWithTheBandAndTheTheorysRange() {
        CliRun small =
                CliRun.of(
                        "check",
                        "--framework",
                        "djl",
                        "--activation",
                        "relu",
                        "--sigma-b",
                        "0",
                        "--sigma-w",
                        "1",
                        "--width",
                        "300",
                        "--depth",
                        "50");
        assertEquals(0, small.exitCode(), small.toString());
        assertTrue(small.out().contains("verdict: vanishing_signal"), small.out());
        assertTrue(!small.out().contains("ordered"), small.out());
        assertTrue(small.out().contains("finite-width band there +-0.23"), small.out());
        CliRun large =
                CliRun.of(
                        "check",
                        "--framework",
                        "djl",
                        "--activation",
                        "relu",
                        "--sigma-b",
                        "0",
                        "--sigma-w",
                        "2",
                        "--width",
                        "300",
                        "--depth",
                        "50");
        assertEquals(0, large.exitCode(), large.toString());
        assertTrue(large.out().contains("verdict: exploding_signal"), large.out());
        assertTrue(!large.out().contains("saturate"), large.out());
        assertTrue(large.out().contains("the theory is undefined from layer 39"), large.out());
    }

    @Test
    void dl4jGivesTheSameKeysAndAHealthyEdgeOfChaosNetwork() {
        CliRun r =
                CliRun.of(
                        "check",
                        "--framework",
                        "dl4j",
                        "--activation",
                        "tanh",
                        "--sigma-b",
                        "0.2",
                        "--width",
                        "300",
                        "--depth",
                        "8",
                        "--seed",
                        "1",
                        "--json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode j = r.json();
        assertEquals("dl4j", j.get("framework").asText());
        assertEquals(9, j.get("q_empirical").size());
        assertEquals(0.5, j.get("c_empirical").get(0).asDouble(), 1e-6);
        // one pair at width 300: per-layer fluctuations of c are a few times 1/sqrt(300) = 0.06
        assertTrue(j.get("max_abs_c_error").asDouble() < 0.25, r.out());
        assertEquals("healthy", j.get("verdict").asText());
    }

    @Test
    void dl4jOrderedInitIsReportedAsOrdered() {
        CliRun r =
                CliRun.of(
                        "check",
                        "--framework",
                        "dl4j",
                        "--activation",
                        "tanh",
                        "--width",
                        "300",
                        "--depth",
                        "20",
                        "--init",
                        "ordered");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("verdict: ordered"), r.out());
    }

    @Test
    void badInitAndUnknownFrameworkAreUsageErrors() {
        assertEquals(
                ErrorHandling.EXIT_USAGE,
                CliRun.of("check", "--framework", "djl", "--activation", "tanh", "--init", "he")
                        .exitCode());
        assertEquals(
                ErrorHandling.EXIT_USAGE,
                CliRun.of("check", "--framework", "mxnet", "--activation", "tanh").exitCode());
    }
}
