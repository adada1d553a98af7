/**
 * eoc-core: mean-field theory of deep random fully connected networks and the Edge of Chaos,
 * framework-free (JDK and Commons Math only).
 *
 * <p>Glossary (symbol, name in code, reference):
 *
 * <ul>
 *   <li>sigma_w^2, {@code weightVariance}: weights W_ij ~ N(0, sigma_w^2 / fan_in); sigma_w is
 *       {@code sigmaW} (Poole et al. 2016).
 *   <li>sigma_b^2, {@code biasVariance}: biases b_i ~ N(0, sigma_b^2); sigma_b is {@code sigmaB}.
 *   <li>q_l, F(q), {@code varianceMap}: pre-activation variance and its layer map (Poole et al.
 *       2016, eq. 3); q*, {@code qStar}: its fixed point.
 *   <li>c_l, f(c), {@code correlationMap}: correlation of two inputs' pre-activations (Poole et al.
 *       2016, eq. 5); c*, {@code cStar}: its stable fixed point.
 *   <li>chi_1, {@code chi1}: sigma_w^2 E[phi'(sqrt(q*) Z)^2], the slope of f at c = 1 (Schoenholz
 *       et al. 2017, eq. 5); chi_1 = 1 is the Edge of Chaos (EOC).
 *   <li>chi_q, {@code chiQ}: F'(q*); the EOC point is stable when chi_q &lt; 1.
 *   <li>xi_q, xi_c, {@code xiQ}, {@code xiC}: depth scales -1/ln chi_q and -1/ln chi_c (Schoenholz
 *       et al. 2017, eqs. 8-9).
 *   <li>beta_q, {@code betaQ}: 2 E[phi'^2] / (q E[phi''^2]), with 1 - c_l ~ beta_q / l on the EOC
 *       (Hayou, Doucet &amp; Rousseau 2019, Prop. 3).
 * </ul>
 *
 * <p>Packages: {@code activation} (phi and derivatives), {@code gaussian} (quadrature), {@code
 * meanfield} (maps, fixed points, trajectories), {@code criticality} (EOC solver, phases).
 */
package dev.eoc.core;
