package io.everynode.apiserver.registry;

import io.everynode.apiserver.errors.Statuses.Cause;
import io.everynode.apiserver.resource.ResourceType;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Metadata rules every kind shares (R6.1 for DaemonSets): the name's syntax. */
final class ObjectMetaRules {
    private ObjectMetaRules() {}

    static List<Cause> validate(ResourceType type, ObjectNode obj) {
        List<Cause> out = new ArrayList<>();
        String name = Meta.name(obj);
        if (name != null && !name.isEmpty() && !isDnsSubdomain(name)) {
            out.add(new Cause("metadata.name", "FieldValueInvalid", "Invalid value: \"" + name
                    + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.',"
                    + " and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
        }
        return out;
    }

    static boolean isDnsSubdomain(String s) {
        return s.length() <= 253 && s.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    }
}
