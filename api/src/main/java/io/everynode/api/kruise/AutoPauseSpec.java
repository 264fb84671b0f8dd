package io.everynode.api.kruise;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Everynode's: auto-pause and auto-revert of a failing rollout (E3.2–E3.4; annotations of {@code RolloutGuard}). */
public final class AutoPauseSpec extends Extensible {
    /** K: this many failing new-revision pods pause the rollout. */
    @JsonProperty("failedPods")
    public Integer failedPods;

    /** How long a new pod may stay not Ready before it counts as failing (default 300). */
    @JsonProperty("unreadySeconds")
    public Integer unreadySeconds;

    /** When the pause trips, go back to the last fully available revision. */
    @JsonProperty("revert")
    public Boolean revert;
}
