package dev.eoc.core.activation;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * A user-defined activation built from Java lambdas.
 *
 * <p>Missing derivatives are taken by central finite differences with step h = 1e-4 (phi') and 1e-3
 * (phi''), whose truncation error h^2 |phi'''| / 6 is about 1e-9 for activations with bounded third
 * derivative; supply exact derivatives where accuracy matters. Built with {@link
 * Activations#custom(String, DoubleUnaryOperator)} and its overloads.
 */
public final class CustomActivation implements ActivationFunction {

    /** Finite-difference step for phi'; balances h^2 truncation against 1e-16 / h rounding. */
    private static final double FIRST_STEP = 1e-4;

    /** Finite-difference step for phi''; balances h^2 truncation against 1e-16 / h^2 rounding. */
    private static final double SECOND_STEP = 1e-3;

    private final String name;
    private final DoubleUnaryOperator phi;
    private final DoubleUnaryOperator first;
    private final DoubleUnaryOperator second;
    private final double[] kinks;

    CustomActivation(
            String name,
            DoubleUnaryOperator phi,
            DoubleUnaryOperator first,
            DoubleUnaryOperator second,
            double[] kinks) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a custom activation needs a non-blank name");
        }
        this.name = name;
        this.phi = Objects.requireNonNull(phi, "phi");
        this.first = first;
        this.second = second;
        this.kinks = kinks.clone();
        Arrays.sort(this.kinks);
        for (double k : this.kinks) {
            if (!Double.isFinite(k)) {
                throw new IllegalArgumentException(
                        "kink points of '" + name + "' must be finite, got " + k);
            }
        }
    }

    @Override
    public double value(double x) {
        return phi.applyAsDouble(x);
    }

    @Override
    public double derivative(double x) {
        if (first != null) {
            return first.applyAsDouble(x);
        }
        double h = FIRST_STEP;
        return (phi.applyAsDouble(x + h) - phi.applyAsDouble(x - h)) / (2 * h);
    }

    @Override
    public double secondDerivative(double x) {
        if (second != null) {
            return second.applyAsDouble(x);
        }
        double h = SECOND_STEP;
        return (phi.applyAsDouble(x + h) - 2 * phi.applyAsDouble(x) + phi.applyAsDouble(x - h))
                / (h * h);
    }

    @Override
    public double[] kinks() {
        return kinks.clone();
    }

    @Override
    public String spec() {
        return name;
    }

    @Override
    public String toString() {
        return "CustomActivation[" + name + "]";
    }
}
