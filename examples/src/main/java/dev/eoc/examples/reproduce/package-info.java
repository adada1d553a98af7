/**
 * {@code ./eoc reproduce}: the paper's grid of training runs (activation x initialization x
 * framework) and a report of what those runs measured, side by side with the numbers of Hayou,
 * Doucet &amp; Rousseau, "On the Impact of the Activation Function on Deep Neural Networks
 * Training", ICML 2019 (section 5: test accuracies of deep MLPs on MNIST and CIFAR-10). {@link
 * dev.eoc.examples.reproduce.Grid} names the settings and their run directories, {@link
 * dev.eoc.examples.reproduce.RunData} reads a run directory written by {@link
 * dev.eoc.examples.train.RunDirectory}, {@link dev.eoc.examples.reproduce.SettingSummary} reduces
 * it to mean and sample standard deviation over seeds, and {@link
 * dev.eoc.examples.reproduce.ReproduceReport} writes {@code report.md}, {@code report.csv} and PNG
 * charts. The report only states numbers that were measured: epochs not reached by every seed are
 * not tabulated and nothing is extrapolated.
 */
package dev.eoc.examples.reproduce;
