package io.everynode.advisor.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * EN008: an image with the {@code latest} tag or no tag (which means latest) and no digest. A
 * rollout happens only when the template changes (R3.4), and a new image under the same name does
 * not change it; with imagePullPolicy IfNotPresent or Never each node keeps whichever image it
 * pulled first, with Always (the default for latest) every restart may bring another version.
 */
final class MutableImageTag implements LintRule {
    @Override
    public String code() {
        return "EN008";
    }

    @Override
    public String name() {
        return "latest-tag";
    }

    @Override
    public List<Issue> check(Workload w, LintContext context) {
        List<Issue> out = new ArrayList<>();
        for (Containers.At c : Containers.all(w.podSpec())) {
            String image = c.container().getImage();
            if (image == null || image.isEmpty() || image.contains("@")) continue;
            String last = image.substring(image.lastIndexOf('/') + 1);
            int colon = last.lastIndexOf(':');
            String tag = colon < 0 ? "" : last.substring(colon + 1);
            if (!tag.isEmpty() && !tag.equals("latest")) continue;
            String policy = c.container().getImagePullPolicy();
            String effect = "IfNotPresent".equals(policy) || "Never".equals(policy)
                    ? "with imagePullPolicy " + policy + " each node keeps the image it pulled first"
                    : "every restart may pull another version";
            out.add(new Issue(
                    Severity.WARNING,
                    c.path() + ".image",
                    "image \"" + image + "\" " + (tag.isEmpty() ? "has no tag (so latest)" : "uses the latest tag")
                            + ": a new push changes no template, so no rollout, and " + effect
                            + "; pin a version or a digest"));
        }
        return out;
    }
}
