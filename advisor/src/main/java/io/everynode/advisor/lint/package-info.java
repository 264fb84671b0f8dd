/**
 * {@code everynode lint}: mistakes in DaemonSet (and Deployment) manifests, found offline, before
 * they are applied (docs/lint.md). {@link io.everynode.advisor.lint.ManifestReader} turns files
 * into {@link io.everynode.advisor.lint.Manifest}s, {@link io.everynode.advisor.lint.Linter} runs
 * every {@link io.everynode.advisor.lint.LintRule} on each and drops what an object's
 * {@code everynode.io/lint-ignore} annotation silences; one rule is one class with one code
 * ({@code EN001}) and one name. Pure: no I/O but the reader's, no clock, nothing written.
 */
package io.everynode.advisor.lint;
