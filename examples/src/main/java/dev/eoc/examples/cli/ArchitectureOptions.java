package dev.eoc.examples.cli;

import dev.eoc.examples.train.Architecture;
import picocli.CommandLine.Option;

/** The {@code --arch} and {@code --branch-scale} options of check and train (a picocli mixin). */
final class ArchitectureOptions {

    @Option(
            names = "--arch",
            defaultValue = "mlp",
            paramLabel = "mlp|resmlp|cnn",
            description =
                    "mlp: --depth Linear + activation layers; resmlp: an embedding Linear layer,"
                            + " then --depth - 1 residual blocks y + A (W phi(y) + b), judged with"
                            + " the residual mean-field maps; cnn (train only): --depth 3x3"
                            + " convolutions of --width filters, the first two with stride 2, and"
                            + " a Linear output, judged with the per-position theory of"
                            + " convolutions (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(
            names = "--branch-scale",
            defaultValue = "1",
            paramLabel = "A",
            description =
                    "Residual branch scale A > 0, with --arch resmlp (default: ${DEFAULT-VALUE};"
                            + " 1/sqrt(depth) keeps q_l bounded, a stable ResNet).")
    double branchScale;

    /**
     * The architecture the options name.
     *
     * @throws IllegalArgumentException for an unknown --arch or a bad --branch-scale
     */
    Architecture architecture() {
        return Architecture.of(arch, branchScale);
    }
}
