package io.everynode.client;

/** The patch formats the API accepts, by their media types. */
public enum PatchType {
    /** RFC 6902: a list of operations. */
    JSON("application/json-patch+json"),
    /** RFC 7386: an object merged over the live one; lists are replaced whole. */
    MERGE("application/merge-patch+json"),
    /** Kubernetes' merge: lists with merge keys (containers by name, ...) are merged by key. */
    STRATEGIC("application/strategic-merge-patch+json");

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
