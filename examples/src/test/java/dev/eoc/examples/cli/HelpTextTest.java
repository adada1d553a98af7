package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's description is a one-line summary ending with a full stop, then (optionally) one
 * paragraph: picocli prints each element of a description on its own line, so a sentence split
 * across two elements broke mid-sentence in {@code --help} ("... batch 64) and" / "write ...").
 */
class HelpTextTest {

    @Test
    void everyDescriptionStartsWithACompleteSummaryLine() {
        Map<String, CommandLine> commands = new CommandLine(new EocCli()).getSubcommands();
        assertFalse(commands.isEmpty());
        commands.forEach(
                (name, cl) -> {
                    String[] description = cl.getCommandSpec().usageMessage().description();
                    assertTrue(description.length >= 1, name + " has no description");
                    String summary = description[0].strip();
                    assertTrue(
                            summary.endsWith("."),
                            name + ": summary line does not end a sentence: '" + summary + "'");
                    for (int i = 1; i < description.length; i++) {
                        assertFalse(
                                Character.isWhitespace(description[i].charAt(0)),
                                name + ": description line " + i + " continues a sentence");
                    }
                });
    }
}
