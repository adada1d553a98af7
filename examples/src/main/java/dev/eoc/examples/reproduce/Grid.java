package dev.eoc.examples.reproduce;

import dev.eoc.core.activation.Activations;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a reproduction: every framework x activation x initialization, each trained with
 * the same protocol (Hayou, Doucet &amp; Rousseau 2019, section 5: depth 200, width 300, SGD lr
 * 1e-4, batch 64, 100 epochs, 10 seeds unless overridden) in its own run directory {@code
 * OUT/<framework>-<activation>-<init>}.
 *
 * @param frameworks the frameworks, in order
 * @param activations the activations as typed (they name the directories)
 * @param inits the initialization schemes, in order
 * @param protocol the settings every run shares (dataset included); its framework, activation and
 *     init are replaced in each setting
 * @param eocSigmaB sigma_b of the EOC point (EOC and EOC + BN settings) per activation, keyed by
 *     the activation's canonical spec; an activation not in the map uses the recommended point,
 *     which activations without a stable EOC point (e.g. shifted softplus) do not have
 */
public record Grid(
        List<Framework> frameworks,
        List<String> activations,
        List<InitScheme> inits,
        TrainingConfig protocol,
        Map<String, Double> eocSigmaB) {

    /** A grid where every EOC setting uses its activation's recommended point. */
    public Grid(
            List<Framework> frameworks,
            List<String> activations,
            List<InitScheme> inits,
            TrainingConfig protocol) {
        this(frameworks, activations, inits, protocol, Map.of());
    }

    /**
     * One cell of the grid.
     *
     * @param config its full configuration
     * @param directoryName {@code <framework>-<activation>-<init>}
     */
    public record Setting(TrainingConfig config, String directoryName) {

        /** Its run directory under {@code out}. */
        public Path directory(Path out) {
            return out.resolve(directoryName);
        }
    }

    public Grid {
        frameworks = List.copyOf(frameworks);
        activations = List.copyOf(activations);
        inits = List.copyOf(inits);
        if (frameworks.isEmpty() || activations.isEmpty() || inits.isEmpty()) {
            throw new IllegalArgumentException(
                    "the grid needs at least one framework, activation and init, got "
                            + frameworks
                            + ", "
                            + activations
                            + ", "
                            + inits);
        }
        Set<String> specs = new HashSet<>();
        for (String a : activations) {
            // an unknown activation fails here, before any training
            specs.add(Activations.parse(a).spec());
        }
        eocSigmaB = Map.copyOf(eocSigmaB);
        for (Map.Entry<String, Double> e : eocSigmaB.entrySet()) {
            if (!specs.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        "an EOC sigma_b is given for "
                                + e.getKey()
                                + ", which is not among the activations "
                                + activations);
            }
            double b = e.getValue();
            if (!(b >= 0) || Double.isInfinite(b)) {
                throw new IllegalArgumentException(
                        "the EOC sigma_b of " + e.getKey() + " must be >= 0 and finite, got " + b);
            }
        }
    }

    /** The settings, framework-major, then activation, then init. */
    public List<Setting> settings() {
        List<Setting> out = new ArrayList<>();
        for (Framework f : frameworks) {
            for (String a : activations) {
                for (InitScheme i : inits) {
                    out.add(new Setting(config(f, a, i), directoryName(f, a, i)));
                }
            }
        }
        return out;
    }

    /**
     * {@code <framework>-<activation>-<init>}, the activation as typed with odd characters as _.
     */
    static String directoryName(Framework f, String activation, InitScheme init) {
        String a =
                activation
                        .strip()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9.]+", "_")
                        .replaceAll("^_|_$", "");
        return f.id() + "-" + a + "-" + init.id();
    }

    private TrainingConfig config(Framework f, String activation, InitScheme init) {
        TrainingConfig p = protocol;
        String spec = Activations.parse(activation).spec();
        boolean onEdge = init == InitScheme.EOC || init == InitScheme.EOC_BN;
        Double sigmaB = onEdge ? eocSigmaB.get(spec) : null;
        return new TrainingConfig(
                f,
                p.dataset(),
                spec,
                init,
                sigmaB,
                null,
                p.depth(),
                p.width(),
                p.epochs(),
                p.batch(),
                p.learningRate(),
                p.seeds(),
                p.firstSeed(),
                p.limitTrain(),
                p.limitTest(),
                p.listenerInterval());
    }
}
