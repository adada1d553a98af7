package dev.eoc.djl;

import ai.djl.ndarray.types.Shape;

/**
 * Fan-in of a weight tensor exactly as DJL's {@code XavierInitializer} computes it: shape[1] times
 * the product of the trailing (receptive-field) dimensions, so shape (out, in) gives in and a
 * convolution kernel (out, in, kh, kw) gives in * kh * kw.
 */
final class FanIn {
    private FanIn() {}

    static long of(Shape shape) {
        if (shape == null || shape.dimension() < 2) {
            throw new IllegalArgumentException(
                    "a weight needs a shape of at least 2 dimensions (out, in, ...) to define its"
                            + " fan-in, got "
                            + shape);
        }
        long receptiveField = shape.dimension() == 2 ? 1 : shape.slice(2).size();
        long fanIn = shape.get(1) * receptiveField;
        if (fanIn <= 0) {
            throw new IllegalArgumentException("fan-in of shape " + shape + " is " + fanIn);
        }
        return fanIn;
    }
}
