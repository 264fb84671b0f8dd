/** The API over HTTPS: the real kubectl and fabric8 with the cluster's kubeconfigs, x509 clients, renewal. */
package io.everynode.apiserver.tls;
