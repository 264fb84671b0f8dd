package io.everynode.apiserver.table;

/** Defaults the real server fills into workload specs, which its printers therefore always see. */
final class Workloads {
    private Workloads() {}

    /** apps/v1 defaults spec.replicas to 1. */
    static long replicas(Integer specReplicas) {
        return specReplicas == null ? 1L : specReplicas.longValue();
    }

    static final String CONTAINERS = "Containers";
    static final String IMAGES = "Images";
    static final String SELECTOR = "Selector";

    static TableColumn containersColumn() {
        return Columns.wide(CONTAINERS, "string", Columns.CONTAINERS_DOC);
    }

    static TableColumn imagesColumn() {
        return Columns.wide(IMAGES, "string", Columns.IMAGES_DOC);
    }

    static TableColumn selectorColumn() {
        return Columns.wide(
                SELECTOR,
                "string",
                "A label query over pods that should match the replica count. It must match the pod"
                        + " template's labels.");
    }
}
