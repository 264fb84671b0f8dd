package io.everynode.api.kruise;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OpenKruise's {@code DaemonSetUpdateStrategy}: {@code RollingUpdate} (the default) or {@code OnDelete}. */
public final class AdvancedUpdateStrategy extends Extensible {
    public static final String ROLLING_UPDATE = "RollingUpdate";
    public static final String ON_DELETE = "OnDelete";

    @JsonProperty("type")
    public String type;

    @JsonProperty("rollingUpdate")
    public AdvancedRollingUpdate rollingUpdate;
}
