/**
 * eoc's Edge-of-Chaos initialization and signal-propagation monitoring under DL4J's Spark training
 * ({@code SparkDl4jMultiLayer}, {@code SparkComputationGraph}).
 *
 * <p>The weight initialization needs nothing here: eoc-dl4j's {@code EocWeightInit} travels inside
 * the network configuration (Java, Kryo and JSON serialization) to the executors. Monitoring does:
 * DL4J runs a deserialized copy of each listener on every worker for every averaging round, so a
 * listener's own history (the loss so far, whether it looks at the network at initialization, which
 * symptoms it already announced) would restart at each round and be judged wrong. Here the workers
 * only measure ({@link dev.eoc.dl4j.spark.SparkPropagationListener}): each report travels as a
 * {@link dev.eoc.dl4j.spark.PropagationUpdate} through DL4J's {@code StatsStorageRouter} path, the
 * one its UI uses on a cluster, and the driver's {@link dev.eoc.dl4j.spark.SparkPropagationMonitor}
 * keeps the one history and judges every worker's snapshot of an iteration together (eoc-core's
 * {@code ReportHistory.judgeAll}), one verdict per report interval.
 *
 * <p>Mean-field theory: Poole et al. 2016; Schoenholz et al. 2017; Hayou, Doucet &amp; Rousseau
 * 2019. DL4J's Spark training: Deeplearning4j documentation, "Spark: How-to Guides".
 */
package dev.eoc.dl4j.spark;
