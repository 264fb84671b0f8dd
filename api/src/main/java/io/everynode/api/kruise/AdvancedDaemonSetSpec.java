package io.everynode.api.kruise;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/** OpenKruise's {@code DaemonSetSpec}, plus Everynode's {@link #progressDeadlineSeconds}. */
public final class AdvancedDaemonSetSpec extends Extensible {
    @JsonProperty("selector")
    public LabelSelector selector;

    @JsonProperty("template")
    public PodTemplateSpec template;

    @JsonProperty("updateStrategy")
    public AdvancedUpdateStrategy updateStrategy;

    @JsonProperty("minReadySeconds")
    public Integer minReadySeconds;

    /** E7.2: the most pod creates (and, separately, deletes) per sync; a number or a percentage of the desired nodes. */
    @JsonProperty("burstReplicas")
    public IntOrString burstReplicas;

    @JsonProperty("revisionHistoryLimit")
    public Integer revisionHistoryLimit;

    @JsonProperty("lifecycle")
    public Lifecycle lifecycle;

    /** Everynode's (E1.1 on this kind): seconds without a new pod becoming available before Progressing=False. */
    @JsonProperty("progressDeadlineSeconds")
    public Integer progressDeadlineSeconds;
}
