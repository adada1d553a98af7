/**
 * Edge-of-Chaos initialization and signal-propagation monitoring for Deep Java Library (DJL):
 * {@link ai.djl.training.initializer.Initializer}s drawing W ~ N(0, sigma_w^2 / fan_in) (or a
 * scaled orthogonal matrix) and b ~ N(0, sigma_b^2), activation blocks that remember which
 * activation they compute ({@link dev.eoc.djl.EocActivations}), the one-call {@link
 * dev.eoc.djl.EocInit#apply} that puts each Linear layer of a block tree on the Edge of Chaos of
 * its activation, and a {@link ai.djl.training.listener.TrainingListener} that compares the
 * network's layer-by-layer q_l and c_l with mean-field theory ({@link
 * dev.eoc.djl.PropagationListener}). Theory: Schoenholz et al. 2017; Hayou et al. 2019
 * (arXiv:1902.06853).
 */
package dev.eoc.djl;
