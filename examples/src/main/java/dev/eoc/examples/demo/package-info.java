/**
 * The {@code eoc demo} walk-through: the Edge-of-Chaos theory of tanh, ELU and ReLU, the per-layer
 * correlation of two inputs in deep networks at initialization (measured next to the mean-field
 * prediction), and a short MNIST training run of the framework's default, an ordered-phase and the
 * Edge-of-Chaos initialization.
 *
 * <p>Every number it prints is computed or measured in the run; {@link dev.eoc.examples.demo.Demo}
 * returns them as a result object and writes them to CSV files and a PNG with provenance. Theory:
 * Poole et al. 2016; Schoenholz et al. 2017 (depth scales, trainable depth ~ 6 xi_c); Hayou, Doucet
 * &amp; Rousseau, ICML 2019 (EOC points, training protocol).
 */
package dev.eoc.examples.demo;
