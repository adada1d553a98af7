package dev.eoc.examples.report;

/**
 * The Greek symbols of chart labels, written as the papers write them (σ_w, σ_b, χ₁), in one place;
 * the CSV columns and the console keep the ASCII names (sigma_w, chi_1).
 */
public final class Greek {

    /** sigma_w, the weight standard deviation. */
    public static final String SIGMA_W = "σ_w";

    /** sigma_b, the bias standard deviation. */
    public static final String SIGMA_B = "σ_b";

    /** chi_1, the slope of the correlation map at c = 1. */
    public static final String CHI_1 = "χ₁";

    /** chi_q, the slope of the variance map at q*. */
    public static final String CHI_Q = "χ_q";

    private Greek() {}
}
