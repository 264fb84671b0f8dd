/**
 * Test support for every module's tests (test scope only, never shipped): the manual clock, the
 * real kubectl runner and the kubeconfig it reads, and {@code GuideFile}, the one reader of the
 * guide's snippets beside the checkout, with {@code RequiresGuide}, which skips the
 * guide-as-written test classes where it is absent (or lets them fail, when it is required).
 *
 * <p>Threading: {@code ManualClock} is thread-safe; the others are immutable or used by one test
 * thread.
 */
package io.everynode.testkit;
