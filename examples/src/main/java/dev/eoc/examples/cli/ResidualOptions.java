package dev.eoc.examples.cli;

import picocli.CommandLine.Option;

/** The {@code --residual} and {@code --branch-scale} options (a picocli mixin). */
final class ResidualOptions {

    @Option(
            names = "--residual",
            description =
                    "Residual blocks y^l = y^(l-1) + A (W phi(y^(l-1)) + b) (Yang & Schoenholz 2017;"
                            + " Hayou et al. 2019, Prop. 1): propagate follows them instead of the"
                            + " plain network, convergence draws them beside it.")
    boolean residual;

    @Option(
            names = "--branch-scale",
            defaultValue = "1",
            paramLabel = "A",
            description =
                    "Residual branch scale A > 0, with --residual (default: ${DEFAULT-VALUE};"
                            + " 1/sqrt(depth) is the stable-ResNet scaling; ReLU's q_l doubles per"
                            + " block at A = 1, so keep the depth below 40 there or use a smaller"
                            + " A).")
    double branchScale;

    /**
     * Checks that a branch scale comes with --residual.
     *
     * @throws IllegalArgumentException for --branch-scale without --residual
     */
    void check() {
        if (!residual && branchScale != 1) {
            throw new IllegalArgumentException(
                    "--branch-scale " + branchScale + " needs --residual; add --residual");
        }
    }
}
