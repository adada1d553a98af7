package dev.eoc.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EocVersionTest {

    @Test
    void versionIsTheFilteredMavenVersion() {
        String v = EocVersion.current();
        // a Maven version: digits.digits.digits with an optional qualifier, never the placeholder
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"), v);
    }
}
