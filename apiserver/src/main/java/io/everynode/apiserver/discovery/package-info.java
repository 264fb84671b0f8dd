/**
 * What kubectl reads before it acts: API discovery in the aggregated and legacy forms
 * (kubectl-contract.md §1.2) and the OpenAPI v3 documents {@code apply} and {@code create} ask for
 * (§1.3), built from the catalogue of served resources.
 *
 * <p>Threading: documents are built once and immutable; safe from any request thread.
 */
package io.everynode.apiserver.discovery;
