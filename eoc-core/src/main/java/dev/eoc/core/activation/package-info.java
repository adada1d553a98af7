/**
 * ActivationFunction functions phi with phi', phi'' and their kinks, a textual spec parser ({@code
 * tanh}, {@code elu(0.5)}, ...) and user-defined activations from lambdas. Kinks matter because
 * Gaussian expectations must be split there (Hayou et al. 2019 treat ReLU-like, ELU-like and smooth
 * activations separately).
 */
package dev.eoc.core.activation;
