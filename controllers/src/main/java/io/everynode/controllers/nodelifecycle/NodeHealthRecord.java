package io.everynode.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What node lifecycle last observed of one node's signs of life, and when it last saw one change
 * (R10.1; upstream's nodeHealthData). Silence is measured on the controller's own clock: the
 * times a node writes (Ready's lastHeartbeatTime and lastTransitionTime, its Lease's renewTime)
 * are compared only with the values seen before, never with the clock, so a node whose clock is
 * slow, fast or absent is judged only by whether it keeps writing.
 *
 * @param uid the node object this record is about; a node deleted and created again under the
 *     same name starts a new record
 * @param ready Ready's two timestamps as the node wrote them; null while the node has no Ready
 * @param leaseRenewed the last renewTime seen on the node's Lease, null if none seen yet
 * @param probed when, on the controller's clock, a sign of life was last observed; the node is
 *     silent once the grace period has passed since then
 */
record NodeHealthRecord(String uid, ReadyStamp ready, Instant leaseRenewed, Instant probed) {

    /** The Ready condition's timestamps, kept as the strings the node wrote, to compare as values. */
    record ReadyStamp(String heartbeat, String transition) {
        static ReadyStamp of(NodeCondition ready) {
            return ready == null ? null : new ReadyStamp(ready.getLastHeartbeatTime(), ready.getLastTransitionTime());
        }
    }

    /**
     * The record after observing {@code node} and its Lease at {@code now}. The probe time moves to
     * now when the Ready condition's timestamps differ from the saved ones (it appeared, changed or
     * went) or the Lease's renewTime differs from the last one seen (a renewTime that went back is
     * a renewal too: only the node's clock went back). On a first observation (no saved record,
     * a new uid, or a controller restart) the probe time is now, so every node gets its full grace
     * from when this controller first saw it; a node that never posted Ready nor renewed a Lease is
     * measured from its creation (a time the API server wrote) instead, never later than now, as
     * upstream does, with the longer startup grace.
     */
    static NodeHealthRecord observe(NodeHealthRecord saved, Node node, Optional<Lease> lease, Instant now) {
        String uid = node.getMetadata().getUid();
        ReadyStamp ready = ReadyStamp.of(NodeHealth.condition(node, NodeHealth.READY));
        Instant renewed = lease.map(Lease::getSpec)
                .map(LeaseSpec::getRenewTime)
                .map(t -> t.toInstant())
                .orElse(null);
        if (saved == null || !Objects.equals(saved.uid(), uid)) {
            Instant probed = ready == null && renewed == null
                    ? Times.earliest(Times.parse(node.getMetadata().getCreationTimestamp()), now)
                    : now;
            return new NodeHealthRecord(uid, ready, renewed, probed);
        }
        boolean readyChanged = !Objects.equals(saved.ready(), ready);
        boolean leaseRenewed = renewed != null && !renewed.equals(saved.leaseRenewed());
        return new NodeHealthRecord(
                uid,
                ready,
                renewed != null ? renewed : saved.leaseRenewed(),
                readyChanged || leaseRenewed ? now : saved.probed());
    }

    /**
     * The record once this controller itself wrote {@code ready} (marking it Unknown): its own
     * write is no sign of life, so the probe time stays and the written stamps become the saved
     * ones.
     */
    NodeHealthRecord afterOwnWrite(NodeCondition ready) {
        return new NodeHealthRecord(uid, ReadyStamp.of(ready), leaseRenewed, probed);
    }
}
