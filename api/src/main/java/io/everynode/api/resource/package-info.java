/**
 * The catalogue of served resources: group, version, kind, scope, verbs, short names, categories,
 * subresources and the field selectors each accepts (kubectl-contract.md §4); discovery, routing
 * and the registry all read it. {@code StorageKeys} is where the store keeps each resource's
 * objects: upstream kube-apiserver's etcd keys.
 *
 * <p>Threading: immutable constants; safe from any thread.
 */
package io.everynode.api.resource;
