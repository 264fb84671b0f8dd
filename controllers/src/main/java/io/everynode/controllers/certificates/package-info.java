/**
 * CertificateSigningRequests (upstream's csrsigning and csrapproving controllers):
 * {@code SigningController} issues certificates with the cluster CA for approved requests of the
 * kubernetes.io signers and marks those it must refuse Failed; {@code ApprovingController}
 * approves node client certificate requests whose requestor may create
 * {@code certificatesigningrequests/nodeclient} (bootstrap) or {@code /selfnodeclient} (renewal),
 * asking an {@code AccessCheck} (a SubjectAccessReview, as upstream) before it does.
 *
 * <p>Threading: each runs on one worker thread of its runner, keyed by request name; the cores
 * keep no state between syncs.
 */
package io.everynode.controllers.certificates;
