package io.everynode.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;

/** Everything the Endpoints controller writes. Implementations throw on failure; a sync that throws is retried. */
public interface EndpointsActions {
    /** Creates the object; one already there is success (its add event brings another sync). */
    void create(Endpoints endpoints);

    /** A full update, with the resourceVersion of the object as read (a stale one is refused). */
    void update(Endpoints endpoints);

    /** Deletes the Endpoints of that name; one already gone is success. */
    void delete(String namespace, String name);
}
