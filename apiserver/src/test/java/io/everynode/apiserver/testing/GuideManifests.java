package io.everynode.apiserver.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The YAML code blocks of the guide, as re-indented in {@code shared/seed/guide-snippets.md}. */
public final class GuideManifests {
    private GuideManifests() {}

    public static Path snippetsFile() {
        String root = System.getProperty("everynode.root", System.getProperty("user.dir") + "/..");
        // shared/ lies beside the checkout (CI, /work/main) or beside a folder of worktrees
        for (Path dir = Path.of(root).toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared/seed/guide-snippets.md");
            if (Files.exists(p)) return p;
        }
        throw new IllegalStateException("the guide's snippets are not in shared/seed/ beside any parent of " + root);
    }

    /** Every ```yaml block, in order (block 0 is fluent-bit, block 9 the priority classes). */
    public static List<String> yamlBlocks() throws IOException {
        String text = Files.readString(snippetsFile());
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
