package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir Path dataDir;

    @Test
    void missingMnistNamesTheFetchCommand() {
        DatasetNotFoundException e =
                assertThrows(
                        DatasetNotFoundException.class,
                        () -> Datasets.load("mnist", Split.TRAIN, dataDir));
        assertEquals("./eoc fetch-data mnist --data-dir " + dataDir, e.fetchCommand());
        assertEquals(
                "MNIST train split not found: looked for "
                        + dataDir.resolve("mnist/train-images-idx3-ubyte")
                        + "[.gz] and "
                        + dataDir.resolve("mnist/train-labels-idx1-ubyte")
                        + "[.gz]. Fetch it with: ./eoc fetch-data mnist --data-dir "
                        + dataDir,
                e.getMessage());
    }

    @Test
    void missingFashionMnistTestSplitNamesTheFetchCommand() {
        DatasetNotFoundException e =
                assertThrows(
                        DatasetNotFoundException.class,
                        () -> Datasets.load("fashion-mnist", Split.TEST, dataDir));
        assertTrue(e.getMessage().startsWith("Fashion-MNIST test split not found"));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte[.gz]"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "Fetch it with: ./eoc fetch-data fashion-mnist --data-dir "
                                        + dataDir),
                e.getMessage());
    }

    @Test
    void missingCifarNamesTheFetchCommandWithFrom() {
        DatasetNotFoundException e =
                assertThrows(
                        DatasetNotFoundException.class,
                        () -> Datasets.load("cifar10", Split.TEST, dataDir));
        assertTrue(
                e.fetchCommand()
                        .startsWith("./eoc fetch-data cifar10 --data-dir " + dataDir + " --from "),
                e.fetchCommand());
        assertTrue(e.getMessage().contains("test_batch*.bin[.gz]"), e.getMessage());
        assertTrue(e.getMessage().contains("jpeg/test/<class>/*.jpg"), e.getMessage());
    }

    @Test
    void defaultDataDirIsNotSpelledOut() {
        assertEquals(
                "./eoc fetch-data mnist",
                Datasets.fetchCommand("mnist", DataDirectory.resolve(null)));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Datasets.load("imagenet", Split.TRAIN, dataDir));
        assertEquals(
                "unknown dataset 'imagenet'; expected one of [mnist, fashion-mnist, cifar10]",
                e.getMessage());
    }

    @Test
    void dataDirOptionBeatsEnvironmentBeatsHome() {
        Path home = Path.of("/home/someone");
        Map<String, String> env = Map.of(DataDirectory.ENV_VARIABLE, "/env/data");
        assertEquals(Path.of("/opt/data"), DataDirectory.resolve(Path.of("/opt/data"), env, home));
        assertEquals(Path.of("/env/data"), DataDirectory.resolve(null, env, home));
        assertEquals(
                Path.of("/home/someone/.eoc/data"), DataDirectory.resolve(null, Map.of(), home));
        assertEquals(
                Path.of("/home/someone/.eoc/data"),
                DataDirectory.resolve(null, Map.of(DataDirectory.ENV_VARIABLE, " "), home));
    }

    @Test
    void idxFilesMayBeGzipWithStandardNames() throws IOException {
        Path dir = dataDir.resolve("fashion-mnist");
        TestData.write(
                dir.resolve("t10k-images-idx3-ubyte.gz"),
                TestData.gzip(TestData.idxImages(2, 3, 3)));
        TestData.write(
                dir.resolve("t10k-labels-idx1-ubyte.gz"), TestData.gzip(TestData.idxLabels(9, 0)));
        ImageDataset d = Datasets.load("fashion-mnist", Split.TEST, dataDir);
        assertEquals("Fashion-MNIST", d.name());
        assertEquals("Ankle boot", d.classNames().get(d.label(0)));
        assertEquals(2, d.size());
    }

    @Test
    void cifarJpegFolderIsLabelledAsTheJpegCopy() throws IOException {
        Path train = dataDir.resolve("cifar10/jpeg/train");
        for (String name : CifarReader.CLASS_NAMES) {
            ImageFolderReaderTest.image(train.resolve(name + "/0000.jpg"), 4, 4, Color.GRAY);
        }
        ImageDataset d = Datasets.load("cifar10", Split.TRAIN, dataDir);
        assertEquals("CIFAR-10 (JPEG copy)", d.name());
        assertEquals(10, d.size());
        assertEquals(CifarReader.CLASS_NAMES, d.classNames());
        assertEquals(9, d.label(9));
    }

    @Test
    void cifarJpegFolderMustHaveTheTenClasses() throws IOException {
        Path test = dataDir.resolve("cifar10/jpeg/test");
        ImageFolderReaderTest.image(test.resolve("cat/0000.jpg"), 4, 4, Color.GRAY);
        DatasetFormatException e =
                assertThrows(
                        DatasetFormatException.class,
                        () -> Datasets.load("cifar10", Split.TEST, dataDir));
        assertTrue(e.getMessage().contains("found [cat]"), e.getMessage());
    }

    @Test
    void cifarSubsetBinariesAreReadAndPlainHidesGzipTwin() throws IOException {
        Path dir = dataDir.resolve("cifar10");
        TestData.write(dir.resolve("test_batch.bin"), TestData.cifarRecords(4, 5));
        TestData.write(
                dir.resolve("test_batch.bin.gz"), TestData.gzip(TestData.cifarRecords(4, 5)));
        TestData.write(dir.resolve("data_batch_2.bin.gz"), TestData.gzip(TestData.cifarRecords(2)));
        TestData.write(dir.resolve("data_batch_1.bin"), TestData.cifarRecords(1));
        ImageDataset test = Datasets.load("cifar10", Split.TEST, dataDir);
        assertEquals("CIFAR-10 (exact subset)", test.name());
        assertEquals("test_batch.bin", test.source());
        assertEquals(2, test.size());
        ImageDataset train = Datasets.load("cifar10", Split.TRAIN, dataDir);
        assertEquals("data_batch_1.bin + data_batch_2.bin.gz", train.source());
        assertEquals(1, train.label(0));
        assertEquals(2, train.label(1));
    }

    @Test
    void theFullJpegCopyWinsOverSubsetBinaries() throws IOException {
        Path dir = dataDir.resolve("cifar10");
        TestData.write(dir.resolve("test_batch.bin"), TestData.cifarRecords(4, 5));
        for (String c : CifarReader.CLASS_NAMES) {
            ImageFolderReaderTest.image(
                    dir.resolve("jpeg/test/" + c + "/0000.jpg"), 32, 32, Color.GRAY);
        }
        ImageDataset test = Datasets.load("cifar10", Split.TEST, dataDir);
        assertEquals("CIFAR-10 (JPEG copy)", test.name());
        assertEquals(CifarReader.CLASS_NAMES.size(), test.size());
    }
}
