package dev.eoc.core.criticality;

/** Thrown when an activation has no Edge-of-Chaos point for the requested sigma_b; says why. */
public final class NoEdgeOfChaosException extends IllegalArgumentException {

    public NoEdgeOfChaosException(String message) {
        super(message);
    }
}
