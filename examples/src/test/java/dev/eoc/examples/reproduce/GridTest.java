package dev.eoc.examples.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridTest {

    private static final TrainingConfig PROTOCOL =
            TrainingConfig.paper(Framework.DJL, "cifar10", "tanh", InitScheme.EOC).withEpochs(5);

    @Test
    void settingsAreFrameworkActivationInitWithTheSharedProtocol() {
        Grid g =
                new Grid(
                        List.of(Framework.DJL, Framework.DL4J),
                        List.of("elu", "tanh"),
                        List.of(InitScheme.EOC, InitScheme.ORDERED),
                        PROTOCOL);
        List<Grid.Setting> s = g.settings();
        assertEquals(8, s.size());
        assertEquals("djl-elu-eoc", s.get(0).directoryName());
        assertEquals("djl-elu-ordered", s.get(1).directoryName());
        assertEquals("dl4j-tanh-ordered", s.get(7).directoryName());
        TrainingConfig c = s.get(0).config();
        // the registry's spelling, as ./eoc train records it, so --resume matches its runs
        assertEquals("elu(1)", c.activation());
        assertEquals("cifar10", c.dataset());
        assertEquals(5, c.epochs());
        assertEquals(TrainingConfig.PAPER_DEPTH, c.depth());
        assertEquals(Path.of("out", "dl4j-tanh-ordered"), s.get(7).directory(Path.of("out")));
    }

    @Test
    void oddCharactersOfAnActivationBecomeUnderscores() {
        assertEquals(
                "djl-elu_0.5-eoc-bn",
                Grid.directoryName(Framework.DJL, "ELU(0.5)", InitScheme.EOC_BN));
    }

    @Test
    void anUnknownActivationOrAnEmptyListFailsBeforeAnyTraining() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new Grid(
                                List.of(Framework.DJL),
                                List.of("nope"),
                                List.of(InitScheme.EOC),
                                PROTOCOL));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Grid(List.of(Framework.DJL), List.of("tanh"), List.of(), PROTOCOL));
    }
}
