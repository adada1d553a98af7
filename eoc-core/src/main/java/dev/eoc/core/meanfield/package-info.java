/**
 * Mean-field maps of deep random networks: the variance map F(q), the correlation map f(c), their
 * fixed points q* and c*, slopes chi_1 and chi_q, and layer-by-layer trajectories (Poole et al.
 * 2016; Schoenholz et al. 2017). Closed forms are used for leaky ReLU (arc-cosine kernel) and erf
 * (arcsine kernel), a Mehler series for smooth activations and quadrature otherwise; for many
 * queries at many variances (phase diagrams), tables interpolating that quadrature.
 */
package dev.eoc.core.meanfield;
