/**
 * eoc-dl4j: Edge-of-Chaos initialization and signal-propagation monitoring for DeepLearning4J.
 *
 * <p>Thin adapters onto eoc-core in DL4J's own vocabulary: {@link dev.eoc.dl4j.Dl4jActivations}
 * maps each {@code IActivation} to the exact function ND4J computes; {@link
 * dev.eoc.dl4j.EocNormalInit} and {@link dev.eoc.dl4j.EocOrthogonalInit} are {@code IWeightInit}s
 * drawing W_ij with variance sigma_w^2 / fan_in; {@link dev.eoc.dl4j.EocInit} sets the weights and
 * biases of an initialized network on the Edge of Chaos (Schoenholz et al. 2017; Hayou, Doucet
 * &amp; Rousseau 2019, "On the impact of the activation function on deep neural networks
 * training"); {@link dev.eoc.dl4j.PropagationListener} compares the network's measured q_l and c_l
 * with the mean-field prediction during training.
 *
 * <p>Nothing here names an ND4J backend: the CPU backend ({@code nd4j-native}) and the GPU backend
 * ({@code nd4j-cuda-11.6}) are interchangeable dependencies of the application.
 */
package dev.eoc.dl4j;
