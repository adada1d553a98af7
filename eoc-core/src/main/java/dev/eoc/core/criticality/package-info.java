/**
 * The Edge of Chaos: solver for sigma_w with chi_1 = 1 at a given sigma_b (parametrized by q*), its
 * stability chi_q &lt; 1, EOC curves, phase classification and full analyses with depth scales
 * (Schoenholz et al. 2017; Hayou, Doucet &amp; Rousseau, ICML 2019).
 */
package dev.eoc.core.criticality;
