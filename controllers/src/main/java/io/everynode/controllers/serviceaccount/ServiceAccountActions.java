package io.everynode.controllers.serviceaccount;

/** What the ServiceAccount controller writes. Implementations throw on failure; the sync is retried. */
public interface ServiceAccountActions {
    /** Creates the {@code default} ServiceAccount of the namespace; one already there is success. */
    void createDefault(String namespace);
}
