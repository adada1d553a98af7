package dev.eoc.examples.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a folder of images laid out as {@code <dir>/<class>/<image>.jpg} (also {@code .jpeg} and
 * {@code .png}).
 *
 * <p>The class directories, sorted by name, give the labels 0, 1, ...; for CIFAR-10 this is the
 * official order airplane, automobile, ..., truck. Images are read in file-name order within a
 * class, decoded with {@link ImageIO} and stored as RGB planes (C*H*W, like the CIFAR-10 binaries);
 * grey-scale images are expanded to three equal planes. All images must have the size of the first
 * one; otherwise {@link DatasetFormatException} names the offending file. The examples come grouped
 * by class, so shuffle them before mini-batch training.
 */
public final class ImageFolderReader {
    private static final int CHANNELS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderReader.class);

    private ImageFolderReader() {}

    /**
     * Reads every image below {@code dir}.
     *
     * @param name display name, e.g. {@code CIFAR-10 (JPEG copy)}
     */
    public static ImageDataset read(Path dir, String name) {
        List<Path> classDirs =
                list(dir, d -> Files.isDirectory(d) && !d.getFileName().toString().startsWith("."));
        if (classDirs.isEmpty()) {
            throw new DatasetFormatException(
                    dir, "expected one sub-directory per class, found none");
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Byte> labelList = new ArrayList<>();
        for (int label = 0; label < classDirs.size(); label++) {
            Path classDir = classDirs.get(label);
            classNames.add(classDir.getFileName().toString());
            for (Path image : list(classDir, ImageFolderReader::isImage)) {
                files.add(image);
                labelList.add((byte) label);
            }
        }
        if (files.isEmpty()) {
            throw new DatasetFormatException(
                    dir, "expected .jpg, .jpeg or .png files in the class directories, found none");
        }
        BufferedImage first = decode(files.get(0));
        int rows = first.getHeight();
        int cols = first.getWidth();
        int perImage = CHANNELS * rows * cols;
        byte[] pixels = new byte[Math.multiplyExact(files.size(), perImage)];
        byte[] labels = new byte[files.size()];
        // Each index writes only its own slice, so parallel decoding is deterministic.
        IntStream.range(0, files.size())
                .parallel()
                .forEach(
                        i -> {
                            Path file = files.get(i);
                            BufferedImage image = i == 0 ? first : decode(file);
                            if (image.getHeight() != rows || image.getWidth() != cols) {
                                throw new DatasetFormatException(
                                        file,
                                        "image is "
                                                + image.getWidth()
                                                + "x"
                                                + image.getHeight()
                                                + " but "
                                                + files.get(0)
                                                + " is "
                                                + cols
                                                + "x"
                                                + rows
                                                + "; all images must have the same size");
                            }
                            writePlanes(image, pixels, i * perImage);
                            labels[i] = labelList.get(i);
                        });
        LOG.debug(
                "read {} images of {}x{} in {} classes from {}",
                files.size(),
                cols,
                rows,
                classNames.size(),
                dir);
        return ImageDataset.wrap(
                name, dir.toString(), rows, cols, CHANNELS, pixels, labels, classNames);
    }

    private static void writePlanes(BufferedImage image, byte[] pixels, int offset) {
        int rows = image.getHeight();
        int cols = image.getWidth();
        int plane = rows * cols;
        int[] argb = image.getRGB(0, 0, cols, rows, null, 0, cols);
        for (int p = 0; p < plane; p++) {
            pixels[offset + p] = (byte) (argb[p] >> 16);
            pixels[offset + plane + p] = (byte) (argb[p] >> 8);
            pixels[offset + 2 * plane + p] = (byte) argb[p];
        }
    }

    private static BufferedImage decode(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DatasetFormatException(file, "cannot decode image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetFormatException(
                    file, "not a readable image: expected JPEG or PNG content");
        }
        return image;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file)
                && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png"));
    }

    private static List<Path> list(Path dir, Predicate<Path> filter) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(filter)
                    .sorted(
                            (a, b) ->
                                    a.getFileName()
                                            .toString()
                                            .compareTo(b.getFileName().toString()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
