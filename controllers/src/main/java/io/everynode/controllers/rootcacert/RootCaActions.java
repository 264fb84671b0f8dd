package io.everynode.controllers.rootcacert;

import io.fabric8.kubernetes.api.model.ConfigMap;

/** The writes of the {@link RootCaPublisher}. */
public interface RootCaActions {
    void create(ConfigMap configMap);

    /** Replaces a ConfigMap that exists (carrying the resourceVersion it was read at). */
    void update(ConfigMap configMap);
}
