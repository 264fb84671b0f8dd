package io.everynode.apiserver.table;

/**
 * What the workload printers share: the wide template columns, and the replica default the real
 * server fills into a spec (so its printers always see a number).
 */
final class Workloads {
    private Workloads() {}

    /** apps/v1 defaults spec.replicas to 1. */
    static long replicas(Integer specReplicas) {
        return specReplicas == null ? 1L : specReplicas.longValue();
    }

    static TableColumn containersColumn() {
        return Columns.wide("Containers", "string", Columns.CONTAINERS_DOC);
    }

    static TableColumn imagesColumn() {
        return Columns.wide("Images", "string", Columns.IMAGES_DOC);
    }

    static TableColumn selectorColumn() {
        return Columns.wide(
                "Selector",
                "string",
                "A label query over pods that should match the replica count. It must match the pod"
                        + " template's labels.");
    }
}
