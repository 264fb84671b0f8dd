package io.everynode.api.kruise;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * OpenKruise's Advanced DaemonSet, {@code apps.kruise.io/v1alpha1} {@code DaemonSet}, served
 * natively (docs/advanced-daemonset.md; rules E7.x). JSON names are OpenKruise's
 * ({@code apis/apps/v1alpha1/daemonset_types.go}); the few fields that are Everynode's own are
 * marked so on {@link AdvancedDaemonSetSpec} and {@link AdvancedRollingUpdate}.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
// a concrete kind: not fabric8's look-up by apiVersion and kind, which knows no such class
@JsonDeserialize(using = ValueDeserializer.None.class)
public final class AdvancedDaemonSet extends Extensible implements HasMetadata, Namespaced {
    public static final String GROUP = "apps.kruise.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String KIND = "DaemonSet";

    private static final long serialVersionUID = 1L;

    @JsonProperty("apiVersion")
    public String apiVersion = API_VERSION;

    @JsonProperty("kind")
    public String kind = KIND;

    @JsonProperty("metadata")
    public ObjectMeta metadata;

    @JsonProperty("spec")
    public AdvancedDaemonSetSpec spec;

    @JsonProperty("status")
    public AdvancedDaemonSetStatus status;

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }
}
