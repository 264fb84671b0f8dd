/**
 * The real kubectl v1.35.2 against the real server, one class per group of commands of
 * kubectl-contract.md §2, each on one server (memory store) for the class ({@code KubectlTestBase});
 * {@code GuideManifestsApplyIT} applies the guide's manifests as written (skipped without the
 * guide, see {@code io.everynode.testkit.GuideFile}).
 *
 * <p>Threading: JUnit's thread runs kubectl as a child process and waits for it.
 */
package io.everynode.apiserver.kubectl;
