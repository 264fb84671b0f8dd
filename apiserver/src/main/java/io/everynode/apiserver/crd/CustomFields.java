package io.everynode.apiserver.crd;

import io.everynode.apiserver.errors.Statuses;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code fieldValidation} for custom resources: the fields a body has that the version's schema
 * does not specify (they are pruned when written), and the keys it repeats, as upstream reports
 * them: under {@code Strict} a 400 "strict decoding error: unknown field \"spec.foo\"", under
 * {@code Warn} one warning each, under {@code Ignore} nothing. Stateless.
 */
public final class CustomFields {
    private CustomFields() {}

    /**
     * @param mode "Strict", "Warn" or "Ignore"
     * @return the warnings to send
     */
    public static List<String> check(ObjectNode body, CustomVersion version, String mode, List<String> duplicates) {
        if (mode.equals("Ignore")) return List.of();
        List<String> problems = new ArrayList<>();
        for (String d : duplicates) problems.add("duplicate field \"" + d + "\"");
        if (version.schema() != null)
            for (String u : SchemaPruner.unknownFields(body, version.schema()))
                problems.add("unknown field \"" + u + "\"");
        if (problems.isEmpty()) return List.of();
        if (mode.equals("Strict")) {
            String kind = version.type().kind();
            throw Statuses.badRequest(kind + " in version \"" + version.type().version() + "\" cannot be handled as a "
                    + kind + ": strict decoding error: " + String.join(", ", problems));
        }
        return problems;
    }
}
