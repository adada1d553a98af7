/**
 * Signal-propagation diagnostics of a real network, shared by the framework adapters: empirical
 * per-layer statistics (pre-activation variance q_l, per-pair correlations c_l, gradient norms of
 * the mean loss, the weights' empirical sigma_w^2 and sigma_b^2, units in the activation's flat
 * region), the mean-field prediction for the network's actual weights with its finite-width band,
 * and a diagnosis that names every symptom with evidence and a fix: non-finite values, a diverging
 * or stalled loss, vanishing or exploding signal and gradients, ordered and chaotic phases,
 * representation collapse, dead and saturated units, drift from the theory (docs/DIAGNOSIS.md).
 * Report output: one SLF4J line, CSV, JSON Lines. Framework-free: adapters turn their tensors into
 * {@code float[]} rows and call in here. Theory: Poole et al. 2016 (eqs. 3, 5), Schoenholz et al.
 * 2017 (section 3); rule thresholds from AUTOTRAINER (ICSE 2021) and DeepDiagnosis (ICSE 2022).
 */
package dev.eoc.core.diagnostics;
