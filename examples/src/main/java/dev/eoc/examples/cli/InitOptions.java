package dev.eoc.examples.cli;

import dev.eoc.core.meanfield.InitVariances;
import picocli.CommandLine.Option;

/** The required {@code --sigma-b} and {@code --sigma-w} options (a picocli mixin). */
final class InitOptions {

    @Option(names = "--sigma-b", required = true, paramLabel = "SIGMA_B", description = "Bias std.")
    double sigmaB;

    @Option(
            names = "--sigma-w",
            required = true,
            paramLabel = "SIGMA_W",
            description = "Weight std (W_ij ~ N(0, sigma_w^2 / fan-in)).")
    double sigmaW;

    /**
     * The variances.
     *
     * @throws IllegalArgumentException naming the bad value when sigma_w &lt;= 0 or sigma_b &lt; 0
     */
    InitVariances variances() {
        return InitVariances.ofStd(sigmaW, sigmaB);
    }
}
