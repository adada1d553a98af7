/**
 * Gaussian expectations E[g(X)] and E[g(u1) h(u2)] for correlated pairs, by composite
 * Gauss-Legendre quadrature split at kinks and graded around singularities, or Gauss-Hermite where
 * the integrand is analytic in a wide strip. These integrals define the variance and correlation
 * maps of Poole et al. (2016, eqs. 3 and 5).
 */
package dev.eoc.core.gaussian;
