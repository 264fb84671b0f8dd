package io.everynode.apiserver.crd;

import io.everynode.api.resource.ResourceType;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One served version of an Established CustomResourceDefinition, as the server needs it.
 *
 * @param crd the definition's name ({@code <plural>.<group>})
 * @param type the resource at this version
 * @param storage the resource at the definition's storage version (the same bucket of the store)
 * @param schema the version's {@code openAPIV3Schema}, or null when it has none
 * @param columns the version's additionalPrinterColumns (empty: the default Age column)
 * @param scale the scale subresource's paths, or null when the version has none
 */
public record CustomVersion(
        String crd,
        ResourceType type,
        ResourceType storage,
        JsonNode schema,
        List<PrinterColumn> columns,
        boolean statusSubresource,
        Scale scale) {

    /** A column of {@code additionalPrinterColumns}. */
    public record PrinterColumn(
            String name, String type, String format, String description, int priority, String jsonPath) {}

    /** The scale subresource's paths (JSON paths such as {@code .spec.replicas}); selector path may be null. */
    public record Scale(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {}
}
