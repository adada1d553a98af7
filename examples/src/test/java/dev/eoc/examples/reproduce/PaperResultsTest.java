package dev.eoc.examples.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.TrainingConfig;
import org.junit.jupiter.api.Test;

class PaperResultsTest {

    @Test
    void looksUpBothTablesWhateverTheActivationsSpelling() {
        assertEquals(
                new PaperResults.Value(45.76, 0.91),
                PaperResults.after100Epochs("cifar10", "elu", InitScheme.EOC).orElseThrow());
        assertEquals(
                new PaperResults.Value(10.74, 0.1),
                PaperResults.after100Epochs("mnist", "tanh", InitScheme.EOC_BN).orElseThrow());
        assertEquals(
                9.92,
                PaperResults.after100Epochs("mnist", "shifted_softplus", InitScheme.EOC_BN)
                        .orElseThrow()
                        .mean());
        // the by-epoch table prints 47.76 for ELU on CIFAR-10 at epoch 100; kept as printed
        assertEquals(47.76, PaperResults.eocAtEpoch("cifar10", "elu(1)", 100).orElseThrow().mean());
        assertEquals(66.76, PaperResults.eocAtEpoch("mnist", "relu", 10).orElseThrow().mean());
    }

    @Test
    void settingsThePaperDidNotRunHaveNoNumber() {
        assertTrue(PaperResults.after100Epochs("mnist", "tanh", InitScheme.DEFAULT).isEmpty());
        assertTrue(PaperResults.after100Epochs("fashion-mnist", "tanh", InitScheme.EOC).isEmpty());
        assertTrue(PaperResults.after100Epochs("mnist", "elu(0.5)", InitScheme.EOC).isEmpty());
        assertTrue(PaperResults.eocAtEpoch("mnist", "tanh", 20).isEmpty());
        assertTrue(PaperResults.eocAtEpoch("mnist", "shifted_softplus", 10).isEmpty());
    }

    @Test
    void onlyThePapersProtocolIsComparable() {
        TrainingConfig paper = TrainingConfig.paper(Framework.DJL, "mnist", "tanh", InitScheme.EOC);
        assertTrue(PaperResults.sameProtocol(paper));
        assertTrue(PaperResults.sameProtocol(paper.withEpochs(3).withSeeds(1)));
        TrainingConfig limited =
                new TrainingConfig(
                        Framework.DJL,
                        "mnist",
                        "tanh",
                        InitScheme.EOC,
                        null,
                        null,
                        200,
                        300,
                        100,
                        64,
                        1e-4,
                        10,
                        1,
                        1000,
                        0,
                        100);
        assertFalse(PaperResults.sameProtocol(limited));
    }
}
