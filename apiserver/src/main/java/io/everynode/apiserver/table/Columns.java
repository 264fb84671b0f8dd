package io.everynode.apiserver.table;

/**
 * Column-definition building blocks shared by the printers.
 *
 * <p>Descriptions are the Kubernetes API field documentation upstream takes from the types'
 * SwaggerDoc; kubectl never prints them (it reads name, type and priority only), so they are
 * informative text, reproduced as closely as known.
 */
final class Columns {
    private Columns() {}

    static final String NAME_DOC =
            "Name must be unique within a namespace. Is required when creating resources, although some"
                    + " resources may allow a client to request the generation of an appropriate name"
                    + " automatically. Name is primarily intended for creation idempotence and configuration"
                    + " definition. Cannot be updated. More info:"
                    + " https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    static final String CREATION_TIMESTAMP_DOC =
            "CreationTimestamp is a timestamp representing the server time when this object was created."
                    + " It is not guaranteed to be set in happens-before order across separate operations."
                    + " Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\n"
                    + "Populated by the system. Read-only. Null for lists. More info:"
                    + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    static final String CONTAINERS_DOC = "Names of each container in the template.";
    static final String IMAGES_DOC = "Images referenced by each container in the template.";

    /** The {@code Name} column: type string, format name. */
    static TableColumn name() {
        return new TableColumn("Name", "string", "name", NAME_DOC, 0);
    }

    /** The {@code Age} column: a string cell from {@link HumanDuration}. */
    static TableColumn age() {
        return new TableColumn("Age", "string", "", CREATION_TIMESTAMP_DOC, 0);
    }

    static TableColumn of(String name, String type, String description) {
        return new TableColumn(name, type, "", description, 0);
    }

    static TableColumn wide(String name, String type, String description) {
        return new TableColumn(name, type, "", description, 1);
    }

    /** Go's zero value for an absent string. */
    static String str(String s) {
        return s == null ? "" : s;
    }

    /** Go's {@code int64(x)} of an absent int32. */
    static Long int64(Integer i) {
        return i == null ? 0L : i.longValue();
    }
}
