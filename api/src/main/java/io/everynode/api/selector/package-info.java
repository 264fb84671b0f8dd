/**
 * Label selectors (the string form kubectl sends and the {@code spec.selector} object), field
 * selectors, and the syntax rules of label keys, values and object names, with upstream's
 * messages.
 *
 * <p>Threading: parsed selectors are immutable and may be shared; a {@code SelectorParser} is
 * one parse on one thread.
 */
package io.everynode.api.selector;
