package io.everynode.api.kruise;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** OpenKruise's {@code Lifecycle}: hooks a pod passes before it is deleted or updated in place (E6.4). */
@JsonPropertyOrder({"preDelete", "inPlaceUpdate", "preNormal"})
public final class Lifecycle extends Extensible {
    @JsonProperty("preDelete")
    public Hook preDelete;

    @JsonProperty("inPlaceUpdate")
    public Hook inPlaceUpdate;

    @JsonProperty("preNormal")
    public Hook preNormal;

    /** OpenKruise's {@code LifecycleHook}: a pod is held while it carries these labels or finalizers. */
    @JsonPropertyOrder({"labelsHandler", "finalizersHandler", "markPodNotReady"})
    public static final class Hook extends Extensible {
        @JsonProperty("labelsHandler")
        public Map<String, String> labelsHandler;

        @JsonProperty("finalizersHandler")
        public List<String> finalizersHandler;

        @JsonProperty("markPodNotReady")
        public Boolean markPodNotReady;
    }
}
