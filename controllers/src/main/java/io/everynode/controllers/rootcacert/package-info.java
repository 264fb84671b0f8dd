/**
 * The root CA publisher (upstream's root-ca-cert-publisher): every active namespace holds the
 * ConfigMap {@code kube-root-ca.crt} whose {@code ca.crt} is the cluster CA, the file pods find
 * at {@code /var/run/secrets/kubernetes.io/serviceaccount/ca.crt} through their
 * {@code kube-api-access-*} volume. {@link io.everynode.controllers.rootcacert.RootCaPublisher}
 * decides per namespace; {@link io.everynode.controllers.rootcacert.RootCaPublisherRunner} feeds
 * it namespace keys from the informers.
 */
package io.everynode.controllers.rootcacert;
