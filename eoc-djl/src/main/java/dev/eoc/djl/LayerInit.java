package dev.eoc.djl;

/**
 * What {@link EocInit} set on one Linear layer.
 *
 * @param layer 1-based index among the Linear layers
 * @param path the block's position in the tree (child indices separated by '/')
 * @param activation spec of the activation whose EOC point was used
 * @param sigmaW weight standard deviation (variance sigma_w^2 / fan_in per weight)
 * @param sigmaB bias standard deviation
 * @param stable false only where the point's variance fixed point repels (chi_q &gt;= 1 at a true
 *     q*); true for attracting points, marginal ones (ReLU: every q is a fixed point) and
 *     user-given points
 */
public record LayerInit(
        int layer, String path, String activation, double sigmaW, double sigmaB, boolean stable) {}
