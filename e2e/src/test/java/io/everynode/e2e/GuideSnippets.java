package io.everynode.e2e;

import io.everynode.testkit.GuideFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guide's code blocks as re-indented in its snippets file ({@link GuideFile}), found by the
 * title of their section ({@code ## 2. Simple node selector}), so a test names the snippet it
 * applies the way a reader of the guide would. Nothing is copied into this module: a change to the
 * snippets file changes what the tests apply. Where the file is absent the calling test is skipped
 * (or fails, when CI requires the guide): call {@link #load()} before starting anything.
 */
public final class GuideSnippets {
    private static final Pattern SECTION = Pattern.compile("^## \\d+\\. (.+)$", Pattern.MULTILINE);
    private static final Pattern BLOCK = Pattern.compile("```(yaml|bash)\\n(.*?)```", Pattern.DOTALL);

    /** One row of the guide's resource table. */
    record AgentRow(String agentType, String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {}

    private final String text;

    private GuideSnippets(String text) {
        this.text = text;
    }

    /** The snippets of this run's guide file; skips or fails the caller when it is absent. */
    public static GuideSnippets load() {
        return new GuideSnippets(GuideFile.forThisRun().read());
    }

    /** The YAML blocks of the section whose title starts with {@code title}, in order. */
    List<String> yaml(String title) {
        return blocks(title, "yaml");
    }

    /** The only YAML block of the section whose title starts with {@code title}. */
    public String onlyYaml(String title) {
        List<String> b = yaml(title);
        if (b.size() != 1) throw new IllegalStateException("section '" + title + "' has " + b.size() + " YAML blocks");
        return b.get(0);
    }

    /** The bash blocks of a section. */
    List<String> bash(String title) {
        return blocks(title, "bash");
    }

    /** The rows of the markdown table in a section (header and rule skipped). */
    List<AgentRow> table(String title) {
        List<AgentRow> rows = new ArrayList<>();
        for (String line : section(title).lines().toList()) {
            if (!line.startsWith("|") || line.startsWith("|---") || line.contains("Agent Type")) continue;
            String[] c = line.substring(1, line.length() - 1).split("\\|");
            rows.add(new AgentRow(c[0].trim(), c[1].trim(), c[2].trim(), c[3].trim(), c[4].trim()));
        }
        return rows;
    }

    private List<String> blocks(String title, String language) {
        Matcher m = BLOCK.matcher(section(title));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(language)) out.add(m.group(2));
        }
        return out;
    }

    private String section(String title) {
        Matcher m = SECTION.matcher(text);
        int start = -1;
        while (m.find()) {
            if (start >= 0) return text.substring(start, m.start());
            if (m.group(1).startsWith(title)) start = m.end();
        }
        if (start >= 0) return text.substring(start);
        throw new IllegalArgumentException("no section '" + title + "' in " + GuideFile.RELATIVE);
    }
}
