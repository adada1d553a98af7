package dev.eoc.examples.reproduce;

/**
 * One row of a run's {@code layers.csv}: the mean-field quantities of layer {@code layer} measured
 * on probe pairs, and their theory values (Poole et al. 2016; Hayou et al. 2019, section 2).
 *
 * @param seed the run's seed
 * @param epoch 0 at initialization, else the epoch after which it was measured
 * @param layer 0 for the input, then the layers in order
 * @param q measured pre-activation variance q_l
 * @param c measured correlation c_l, mean over the probe pairs
 * @param qTheory q_l of the variance map
 * @param cTheory c_l of the correlation map
 */
public record LayerRow(
        long seed, int epoch, int layer, double q, double c, double qTheory, double cTheory) {

    /** Number of columns in {@code layers.csv}. */
    static final int COLUMNS = 7;

    /**
     * Parses a CSV line of {@code layers.csv}.
     *
     * @throws NumberFormatException when a field is not a number
     * @throws IllegalArgumentException when the line has another number of fields
     */
    static LayerRow parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != COLUMNS) {
            throw new IllegalArgumentException(
                    "expected " + COLUMNS + " fields, got " + f.length + ": " + line);
        }
        return new LayerRow(
                Long.parseLong(f[0].strip()),
                Integer.parseInt(f[1].strip()),
                Integer.parseInt(f[2].strip()),
                number(f[3]),
                number(f[4]),
                number(f[5]),
                number(f[6]));
    }

    private static double number(String field) {
        String s = field.strip();
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
