package dev.eoc.core.criticality;

import java.util.Locale;

/**
 * Phase of a random deep network at initialization (Poole et al. 2016; Schoenholz et al. 2017,
 * section 3): ordered when chi_1 &lt; 1 (correlations converge to 1, gradients vanish), chaotic
 * when chi_1 &gt; 1 (correlations converge to c* &lt; 1, gradients explode), and the Edge of Chaos
 * in between, where the correlation depth scale diverges.
 */
public enum Phase {
    ORDERED,
    CHAOTIC,
    EDGE_OF_CHAOS;

    /** Lower-case name used in JSON and CSV: ordered, chaotic, edge_of_chaos. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The phase of chi_1, with |chi_1 - 1| &lt;= tolerance counted as the Edge of Chaos. */
    public static Phase of(double chi1, double tolerance) {
        if (Math.abs(chi1 - 1) <= tolerance) {
            return EDGE_OF_CHAOS;
        }
        return chi1 < 1 ? ORDERED : CHAOTIC;
    }
}
