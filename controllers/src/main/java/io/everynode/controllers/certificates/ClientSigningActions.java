package io.everynode.controllers.certificates;

import io.everynode.api.certificates.CsrConditions;
import io.everynode.client.EventRecorder;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SigningActions} through the API: a PUT of {@code /status} with the cached
 * resourceVersion, then an Event on the request (Normal {@code CertificateIssued}, or Warning
 * with the Failed condition's reason and message).
 */
final class ClientSigningActions implements SigningActions {
    static final String COMPONENT = "csrsigning-controller";

    private final KubeClient client;
    private final EventRecorder events;
    private final Clock clock;

    ClientSigningActions(KubeClient client, EventRecorder events, Clock clock) {
        this.client = client;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void issue(CertificateSigningRequest csr, String base64Pem, String detail) {
        CertificateSigningRequest next = copyWithStatus(csr);
        next.getStatus().setCertificate(base64Pem);
        client.updateStatus(next);
        events.normal(csr, "CertificateIssued", detail);
    }

    @Override
    public void fail(CertificateSigningRequest csr, String reason, String message) {
        CertificateSigningRequest next = copyWithStatus(csr);
        List<CertificateSigningRequestCondition> conditions = new ArrayList<>(CsrConditions.conditions(csr));
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        CertificateSigningRequestCondition failed = new CertificateSigningRequestCondition();
        failed.setType(CsrConditions.FAILED);
        failed.setStatus("True");
        failed.setReason(reason);
        failed.setMessage(message);
        failed.setLastUpdateTime(now);
        failed.setLastTransitionTime(now);
        conditions.add(failed);
        next.getStatus().setConditions(conditions);
        client.updateStatus(next);
        events.warning(csr, reason, message);
    }

    /** A copy to write: the cached object is shared with other readers. */
    private static CertificateSigningRequest copyWithStatus(CertificateSigningRequest csr) {
        CertificateSigningRequest next = io.everynode.api.json.Json.convert(
                io.everynode.api.json.Json.tree(csr), CertificateSigningRequest.class);
        if (next.getStatus() == null) next.setStatus(new CertificateSigningRequestStatus());
        return next;
    }
}
