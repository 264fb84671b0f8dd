/**
 * Rules of the certificates.k8s.io/v1 CertificateSigningRequest kind that the API server, the
 * signing and approving controllers and (later) joining agents share: the signer names Kubernetes
 * reserves, the key usages a request may name, and what a request's conditions say.
 */
package io.everynode.api.certificates;
