package dev.eoc.examples.train;

/**
 * Builds the {@link TrainableNetwork} of a {@link NetworkSpec} in a framework, for code outside
 * this package that measures networks at initialization without training them (e.g. the {@code
 * demo} command's per-layer correlations, Schoenholz et al. 2017, Fig. 2).
 */
public final class Networks {

    private Networks() {}

    /**
     * Builds and initializes the network of {@code spec} in {@code framework}; the caller closes
     * it.
     *
     * @throws IllegalArgumentException when the framework has no activation for the spec's one
     */
    public static TrainableNetwork create(Framework framework, NetworkSpec spec) {
        return switch (framework) {
            case DJL -> DjlNetwork.create(spec);
            case DL4J ->
                    spec.architecture().residual()
                            ? Dl4jResidualNetwork.create(spec)
                            : Dl4jNetwork.create(spec);
        };
    }
}
