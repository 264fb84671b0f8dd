/**
 * Pod garbage collection (R10.5): each pass plans which pods go and why ({@code Removal}) —
 * terminated pods over the threshold, pods on nodes that are gone (after a quarantine and an
 * uncached check), terminating pods that were never scheduled — then removes them through
 * {@code PodGcActions}.
 *
 * <p>Threading: {@code PodGcRunner} runs every pass on one worker thread, as one key that re-arms
 * itself for the next pass. Time comes from the injected clock.
 */
package io.everynode.controllers.podgc;
