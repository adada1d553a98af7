package dev.eoc.core.diagnostics;

import java.io.Serializable;

/**
 * How many units of a layer are in the activation's flat region ({@link FlatRegion}) on the probe
 * rows: the share of all (row, unit) entries, and the share of units flat on <em>every</em> row.
 *
 * <p>For a ReLU layer of a healthy network about half of the entries are flat (h &lt; 0 with
 * probability 1/2 for a centred pre-activation); the share of units flat on all P rows is about
 * 2^-P for uncorrelated rows and approaches 1/2 as the rows' correlation approaches 1, as it does
 * in deep layers. A dead network has most units flat on every row (Lu et al. 2020, "Dying ReLU and
 * initialization"); thresholds are in {@link PropagationDiagnosis}.
 *
 * @param kind what flat units mean for the layer's activation ({@link FlatRegion.Kind})
 * @param flatFraction flat entries / (rows x units)
 * @param deadUnitFraction units flat on every row / units
 */
public record UnitActivity(FlatRegion.Kind kind, double flatFraction, double deadUnitFraction)
        implements Serializable {

    /** Not measured. */
    public static final UnitActivity UNKNOWN =
            new UnitActivity(FlatRegion.Kind.NEVER_FLAT, Double.NaN, Double.NaN);

    public UnitActivity {
        if (kind == null) {
            throw new IllegalArgumentException("kind must be given");
        }
    }

    /** Counts the flat entries and units of pre-activation rows (all of one width). */
    public static UnitActivity of(FlatRegion region, float[][] rows) {
        if (rows.length == 0 || rows[0].length == 0) {
            throw new IllegalArgumentException("need at least one row of at least one unit");
        }
        int width = rows[0].length;
        if (region.kind() == FlatRegion.Kind.NEVER_FLAT) {
            return new UnitActivity(region.kind(), 0, 0);
        }
        long flat = 0;
        int dead = 0;
        for (int u = 0; u < width; u++) {
            int flatRows = 0;
            for (float[] row : rows) {
                if (region.isFlat(row[u])) {
                    flatRows++;
                }
            }
            flat += flatRows;
            if (flatRows == rows.length) {
                dead++;
            }
        }
        return new UnitActivity(
                region.kind(), (double) flat / ((long) rows.length * width), (double) dead / width);
    }
}
