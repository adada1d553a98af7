/**
 * Report output of the examples: provenance headers for CSV files, line charts (XChart) and a
 * heat-map renderer for phase diagrams (plain java.awt, headless).
 *
 * <p>Every file written here records where it came from (project version, git revision, command
 * line, JDK, date), as the project conventions ask. The charts reproduce the figures of Schoenholz
 * et al. 2017 (Fig. 1, phase diagram) and Hayou et al. 2019 (EOC curves, correlation convergence).
 */
package dev.eoc.examples.report;
