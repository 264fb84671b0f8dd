package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Cell texts several printers share: a pod template's container names and images, quantities,
 * and upstream's "first three, then {@code + N more...}" lists.
 */
final class Cells {
    private Cells() {}

    /** How many entries upstream prints of a long list before {@code + N more...}. */
    static final int LIST_MAX = 3;

    /** The template's container names joined by commas; empty when it has none. */
    static String containerNames(PodTemplateSpec template) {
        return String.join(
                ",",
                containers(template).stream().map(c -> Columns.str(c.getName())).toList());
    }

    /** The template's container images joined by commas, in container order. */
    static String containerImages(PodTemplateSpec template) {
        return String.join(
                ",",
                containers(template).stream()
                        .map(c -> Columns.str(c.getImage()))
                        .toList());
    }

    private static List<Container> containers(PodTemplateSpec template) {
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null) {
            return List.of();
        }
        return template.getSpec().getContainers();
    }

    /** A quantity's canonical text (see {@link QuantityText}); an absent one is {@code 0}. */
    static String quantity(Quantity q) {
        return QuantityText.of(q);
    }

    /**
     * The first {@link #LIST_MAX} items joined by commas, then {@code " + N more..."} for the
     * rest; {@code <unset>} for none (upstream's listWithMoreString).
     */
    static String firstFew(List<String> items) {
        if (items.isEmpty()) {
            return "<unset>";
        }
        String shown = String.join(",", items.subList(0, Math.min(LIST_MAX, items.size())));
        return items.size() > LIST_MAX ? shown + " + " + (items.size() - LIST_MAX) + " more..." : shown;
    }

    /** {@code <none>} for an absent or empty text. */
    static String orNone(String s) {
        return s == null || s.isEmpty() ? "<none>" : s;
    }

    /** {@code <unset>} for an absent text. */
    static String orUnset(String s) {
        return s == null ? "<unset>" : s;
    }

    /** Go's {@code len()} of an absent list or map is 0. */
    static long size(Collection<?> c) {
        return c == null ? 0L : c.size();
    }

    static long size(Map<?, ?> m) {
        return m == null ? 0L : m.size();
    }
}
