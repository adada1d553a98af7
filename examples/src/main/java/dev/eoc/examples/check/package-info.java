/**
 * The framework-independent part of {@code ./eoc check}: probe inputs with an exact correlation,
 * the {@link dev.eoc.examples.check.FrameworkProbe} each framework implements (build a deep MLP,
 * initialize it, propagate the inputs), and the DJL implementation. Compares the empirical q_l and
 * c_l with mean-field theory (Poole et al. 2016; Schoenholz et al. 2017, Fig. 2).
 */
package dev.eoc.examples.check;
