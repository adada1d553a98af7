/**
 * Dataset readers, the data-directory convention and the fetchers behind {@code ./eoc fetch-data}.
 *
 * <p>Every reader returns an immutable in-memory {@link dev.eoc.examples.data.ImageDataset}: MNIST
 * and Fashion-MNIST from IDX files (LeCun et al. 1998; Xiao et al. 2017), CIFAR-10 from the
 * official binary batches or from a folder of JPEGs (Krizhevsky 2009). {@link
 * dev.eoc.examples.data.Datasets} finds the files under the data directory ({@code --data-dir} >
 * {@code EOC_DATA_DIR} > {@code ~/.eoc/data}) and, when they are missing, names the command that
 * fetches them. Malformed files raise {@link dev.eoc.examples.data.DatasetFormatException} with the
 * file, what was expected and what was found.
 */
package dev.eoc.examples.data;
