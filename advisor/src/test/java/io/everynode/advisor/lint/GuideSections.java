package io.everynode.advisor.lint;

import io.everynode.testkit.GuideFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML blocks of the guide's snippets file ({@link GuideFile}), by the title of their section
 * ({@code ## 4. Tolerate control plane nodes}); nothing of the guide is copied into the tests.
 */
final class GuideSections {
    private static final Pattern SECTION = Pattern.compile("^## \\d+\\. (.+)$", Pattern.MULTILINE);
    private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private final String text;

    GuideSections(String text) {
        this.text = text;
    }

    /** The YAML blocks of the section whose title starts with {@code title}, in order. */
    List<String> yaml(String title) {
        Matcher s = SECTION.matcher(text);
        int start = -1;
        int end = text.length();
        while (s.find()) {
            if (start >= 0) {
                end = s.start();
                break;
            }
            if (s.group(1).startsWith(title)) start = s.end();
        }
        if (start < 0) throw new IllegalArgumentException("no section '" + title + "' in " + GuideFile.RELATIVE);
        Matcher m = YAML.matcher(text.substring(start, end));
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }

    String onlyYaml(String title) {
        List<String> b = yaml(title);
        if (b.size() != 1) throw new IllegalStateException("section '" + title + "' has " + b.size() + " YAML blocks");
        return b.get(0);
    }
}
