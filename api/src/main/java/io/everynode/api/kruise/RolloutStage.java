package io.everynode.api.kruise;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Everynode's: one stage of a staged rollout (E5.1; its annotation form is {@code AdvancedRollout.STAGES}). */
public final class RolloutStage extends Extensible {
    @JsonProperty("name")
    public String name;

    @JsonProperty("selector")
    public LabelSelector selector;

    @JsonProperty("maxNodes")
    public IntOrString maxNodes;

    @JsonProperty("soakSeconds")
    public Integer soakSeconds;
}
