/**
 * Signal-propagation diagnostics of a real network, shared by the framework adapters: empirical
 * per-layer statistics (pre-activation variance q_l, pair correlation c_l, gradient norms, the
 * weights' empirical sigma_w^2 and sigma_b^2), the mean-field prediction for the network's actual
 * weights, a diagnosis (ordered, chaotic, non-finite) with advice, and report output (one SLF4J
 * line, CSV, JSON Lines). Framework-free: adapters turn their tensors into {@code float[]} rows and
 * call in here. Theory: Poole et al. 2016 (eqs. 3, 5), Schoenholz et al. 2017 (section 3).
 */
package dev.eoc.core.diagnostics;
