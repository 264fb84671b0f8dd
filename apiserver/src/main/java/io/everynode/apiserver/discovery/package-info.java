/**
 * What kubectl reads before it acts: API discovery in the aggregated and legacy forms
 * (kubectl-contract.md §1.2), built from the catalogue of served resources. The OpenAPI v3 documents
 * (§1.3) are in {@link io.everynode.apiserver.openapi}.
 *
 * <p>Threading: documents are built once and immutable; safe from any request thread.
 */
package io.everynode.apiserver.discovery;
