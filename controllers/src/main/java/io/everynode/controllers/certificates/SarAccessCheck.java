package io.everynode.controllers.certificates;

import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link AccessCheck} as upstream's approver asks it: a SubjectAccessReview
 * (authorization.k8s.io/v1) created through the API for the requestor, whose
 * {@code status.allowed} is the answer.
 */
public final class SarAccessCheck implements AccessCheck {
    private final KubeClient client;

    public SarAccessCheck(KubeClient client) {
        this.client = client;
    }

    @Override
    public boolean allowed(
            CertificateSigningRequestSpec requester, String verb, String group, String resource, String subresource) {
        ResourceAttributes attrs = new ResourceAttributes();
        attrs.setVerb(verb);
        attrs.setGroup(group);
        attrs.setResource(resource);
        attrs.setSubresource(subresource);
        SubjectAccessReviewSpec spec = new SubjectAccessReviewSpec();
        spec.setUser(requester.getUsername());
        spec.setUid(requester.getUid());
        spec.setGroups(requester.getGroups());
        Map<String, List<String>> extra = requester.getExtra() == null ? Map.of() : requester.getExtra();
        spec.setExtra(new HashMap<>(extra));
        spec.setResourceAttributes(attrs);
        SubjectAccessReview review = new SubjectAccessReview();
        review.setSpec(spec);
        SubjectAccessReview answered = client.create(review);
        return answered.getStatus() != null
                && Boolean.TRUE.equals(answered.getStatus().getAllowed());
    }
}
