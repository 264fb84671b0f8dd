package io.everynode.apiserver.testing;

import io.everynode.testkit.GuideFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML code blocks of the guide, as re-indented in its snippets file ({@link GuideFile}).
 * Where the file is absent the calling test is skipped (or fails, when CI requires the guide).
 */
public final class GuideManifests {
    private GuideManifests() {}

    /** Every ```yaml block, in order (block 0 is fluent-bit, block 9 the priority classes). */
    public static List<String> yamlBlocks() {
        String text = GuideFile.forThisRun().read();
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
