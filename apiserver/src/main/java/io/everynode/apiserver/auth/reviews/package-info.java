/**
 * The SubjectAccessReview family (authorization.k8s.io/v1): questions about access, answered
 * from the server's own authorization decision and never stored.
 */
package io.everynode.apiserver.auth.reviews;
