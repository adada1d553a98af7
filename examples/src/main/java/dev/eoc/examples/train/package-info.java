/**
 * Training experiments: the paper's deep-MLP protocol (Hayou, Doucet &amp; Rousseau, ICML 2019,
 * section 5) run in DJL or DL4J with one framework-free loop. {@link
 * dev.eoc.examples.train.TrainingRun} owns the loop (seeds, epochs, evaluation, checkpoints,
 * resume) and writes every finished epoch at once through {@link
 * dev.eoc.examples.train.RunDirectory}; the frameworks only implement {@link
 * dev.eoc.examples.train.TrainableNetwork}. The initialization point (EOC, EOC + BatchNorm, ordered
 * phase, framework default) and the input scaling by sqrt(q*) come from eoc-core ({@link
 * dev.eoc.examples.train.InitPoint}).
 */
package dev.eoc.examples.train;
