package io.everynode.api.kruise;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every part of the Advanced DaemonSet model shares: JSON from its {@code @JsonProperty}
 * fields only (no getter is a property, so {@code HasMetadata}'s default methods never leak into
 * the JSON), nulls left out, and unknown properties kept in {@code additionalProperties}, as
 * fabric8's models keep them, so the server's strict field validation names them
 * ({@code UnknownFields}) and nothing a client sent is lost on a round trip.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.NONE,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class Extensible {
    @JsonIgnore
    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    @JsonAnyGetter
    public Map<String, Object> additionalProperties() {
        return additionalProperties;
    }

    @JsonAnySetter
    public void additionalProperty(String name, Object value) {
        additionalProperties.put(name, value);
    }
}
