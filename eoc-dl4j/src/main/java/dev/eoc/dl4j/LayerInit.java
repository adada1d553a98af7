package dev.eoc.dl4j;

import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.meanfield.InitVariances;

/**
 * What {@link EocInit} did to one layer.
 *
 * @param index layer index (topological position in a graph)
 * @param name layer name
 * @param type configuration class, e.g. {@code DenseLayer}
 * @param activation spec of the activation the point was solved for (the one feeding the layer, or
 *     the layer's own for the first layer)
 * @param fanIn number of inputs
 * @param fanOut number of outputs
 * @param variances sigma_w^2 and sigma_b^2 drawn with; null when skipped
 * @param point the Edge-of-Chaos point, null when skipped or when the user gave (sigma_b, sigma_w)
 * @param skipped null, or why the layer was left as DL4J initialized it
 * @param replaced the configuration's weight initialization that the Edge-of-Chaos draw replaced
 *     (its class, e.g. {@code WeightInitXavier}, DL4J's default), or null when the configuration
 *     already had an eoc {@link EocWeightInit} or the layer was skipped
 */
public record LayerInit(
        int index,
        String name,
        String type,
        String activation,
        long fanIn,
        long fanOut,
        InitVariances variances,
        EocPoint point,
        String skipped,
        String replaced) {

    /** True when the layer's parameters were set. */
    public boolean initialized() {
        return skipped == null;
    }
}
