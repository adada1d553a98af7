/**
 * MNIST on DL4J's Spark training (parameter averaging) with eoc's Edge-of-Chaos initialization and
 * the driver-side propagation monitor of eoc-dl4j-spark: the documented example of the README's
 * "Running on Spark" section, and the benchmark of what Spark costs on one machine.
 */
package dev.eoc.examples.spark;
