/** Helpers that are not API: special functions. May change without notice. */
package dev.eoc.core.internal;
