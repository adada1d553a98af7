package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.EocVersion;
import org.junit.jupiter.api.Test;

class VersionOptionTest {

    @Test
    void versionPrintsTheBuiltVersionNotAPlaceholder() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("eoc " + EocVersion.current() + "\n"), run.toString());
        assertFalse(run.out().contains("development build"), run.toString());
    }
}
