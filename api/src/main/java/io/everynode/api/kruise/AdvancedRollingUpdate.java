package io.everynode.api.kruise;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * OpenKruise's {@code RollingUpdateDaemonSet} (note its JSON name {@code rollingUpdateType} for
 * the type), plus Everynode's {@link #stages} and {@link #autoPause}.
 */
public final class AdvancedRollingUpdate extends Extensible {
    public static final String STANDARD = "Standard";
    /** OpenKruise's older name for a maxSurge rollout; its webhook turns it into Standard with a surge. */
    public static final String SURGING = "Surging";

    public static final String IN_PLACE_IF_POSSIBLE = "InPlaceIfPossible";

    @JsonProperty("rollingUpdateType")
    public String rollingUpdateType;

    @JsonProperty("maxUnavailable")
    public IntOrString maxUnavailable;

    @JsonProperty("maxSurge")
    public IntOrString maxSurge;

    /** A label query over nodes: only pods on matching nodes are updated (E4.2). */
    @JsonProperty("selector")
    public LabelSelector selector;

    /** How many pods keep the old revision (E4.1). */
    @JsonProperty("partition")
    public Integer partition;

    @JsonProperty("paused")
    public Boolean paused;

    /** Everynode's (E5.1): ordered node groups with a soak time between them. */
    @JsonProperty("stages")
    public List<RolloutStage> stages;

    /** Everynode's (E3.2–E3.4): pause, and optionally revert, when new pods fail. */
    @JsonProperty("autoPause")
    public AutoPauseSpec autoPause;
}
