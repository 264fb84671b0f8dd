/**
 * Test support for every module's tests (test scope only, never shipped): the manual clock, the
 * real kubectl runner and the kubeconfig it reads, and {@code GuideFile}, the one reader of the
 * guide's snippets beside the checkout, which skips or fails the guide-as-written tests where it
 * is absent.
 *
 * <p>Threading: {@code ManualClock} is thread-safe; the others are immutable or used by one test
 * thread.
 */
package io.everynode.testkit;
