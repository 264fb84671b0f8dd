/**
 * The end-to-end suites: the guide section by section (docs/guide-coverage.md; skipped without the
 * guide beside the checkout, see {@code io.everynode.testkit.GuideFile}) and the project's own
 * {@code examples/} ({@code ExamplesIT}), and every built-in kind's table, watch and deletion
 * ({@code KindsTablesIT}, from the manifests in test resources {@code kinds/}), each on a cluster
 * started with {@code everynode up}'s own code and driven by the real kubectl.
 *
 * <p>Threading: the cluster runs its own threads; tests act from JUnit's thread and await outcomes
 * with Awaitility.
 */
package io.everynode.e2e;
