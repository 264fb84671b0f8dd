/**
 * The catalogue of served resources: group, version, kind, scope, verbs, short names, categories,
 * subresources and the field selectors each accepts (kubectl-contract.md §4); discovery, routing
 * and the registry all read it.
 *
 * <p>Threading: immutable constants; safe from any thread.
 */
package io.everynode.api.resource;
