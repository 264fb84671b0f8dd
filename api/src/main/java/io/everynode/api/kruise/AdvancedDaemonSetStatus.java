package io.everynode.api.kruise;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.util.List;

/** OpenKruise's {@code DaemonSetStatus}: upstream's counters plus {@link #daemonSetHash}. */
public final class AdvancedDaemonSetStatus extends Extensible {
    @JsonProperty("currentNumberScheduled")
    public Integer currentNumberScheduled;

    @JsonProperty("numberMisscheduled")
    public Integer numberMisscheduled;

    @JsonProperty("desiredNumberScheduled")
    public Integer desiredNumberScheduled;

    @JsonProperty("numberReady")
    public Integer numberReady;

    @JsonProperty("observedGeneration")
    public Long observedGeneration;

    @JsonProperty("updatedNumberScheduled")
    public Integer updatedNumberScheduled;

    @JsonProperty("numberAvailable")
    public Integer numberAvailable;

    @JsonProperty("numberUnavailable")
    public Integer numberUnavailable;

    @JsonProperty("collisionCount")
    public Integer collisionCount;

    @JsonProperty("conditions")
    public List<DaemonSetCondition> conditions;

    /** The controller-revision-hash of the current revision. */
    @JsonProperty("daemonSetHash")
    public String daemonSetHash;
}
