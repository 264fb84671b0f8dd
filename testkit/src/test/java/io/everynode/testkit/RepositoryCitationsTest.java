package io.everynode.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: every rule, section and design rule that code, tests and docs
 * cite resolves in the repository's own docs ({@code docs/daemonset-rules.md},
 * {@code docs/kubectl-contract.md}, {@code docs/design.md}), and nothing cites the folder beside
 * the checkout, except the one reader of the guide's snippets ({@link GuideFile}) and its test.
 * It lives in the lowest module so that a broken citation fails the build first.
 */
class RepositoryCitationsTest {
    static final Pattern RULE_ID = Pattern.compile("\\bR(\\d+)\\.(\\d+)\\b");
    static final Pattern RULE_ENTRY = Pattern.compile("^\\*\\*(R\\d+\\.\\d+) ", Pattern.MULTILINE);
    static final Pattern SECTION_CITE = Pattern.compile(
            "(daemonset-rules|kubectl-contract)\\.md((?:[ ,;]*§\\d+(?:\\.\\d+)?(?:[–-]\\d+(?:\\.\\d+)?)?)+)");
    static final Pattern SECTION_REF = Pattern.compile("§(\\d+(?:\\.\\d+)?)(?:[–-](\\d+(?:\\.\\d+)?))?");
    static final Pattern HEADING = Pattern.compile("^#{2,3} (\\d+(?:\\.\\d+)?)[. ]", Pattern.MULTILINE);
    static final Pattern DESIGN_RULE_CITE = Pattern.compile("design\\.md,? (?:style |rules? )(\\d+)(?: and (\\d+))?");
    static final Pattern DESIGN_RULE_ENTRY = Pattern.compile("^\\*\\*Rule (\\d+)\\.\\*\\*", Pattern.MULTILINE);
    static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|(?<![\\w-])shared/");
    /**
     * The guide's one reader and the tests that name its path on purpose, and the CI entry point,
     * which runs scripts/check-manifests on the corpus of third-party installs when CI has it.
     */
    static final Set<String> MAY_NAME_THE_GUIDE_FOLDER = Set.of(
            ".ci/run",
            "testkit/src/main/java/io/everynode/testkit/GuideFile.java",
            "testkit/src/test/java/io/everynode/testkit/GuideFileTest.java",
            "testkit/src/test/java/io/everynode/testkit/RepositoryCitationsTest.java");

    static Path root;
    /** Repository-relative path → text, for every text file the project writes. */
    static Map<String, String> files;

    @BeforeAll
    static void read() {
        root = Path.of(System.getProperty("everynode.root", System.getProperty("user.dir") + "/.."))
                .toAbsolutePath()
                .normalize();
        files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile)
                    .filter(RepositoryCitationsTest::isProjectText)
                    .toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files)
                .as("the project's files under " + root)
                .containsKeys("README.md", "docs/daemonset-rules.md", "pom.xml");
    }

    /** Sources, docs, build files and scripts; not build output, tools or data directories. */
    static boolean isProjectText(Path p) {
        Path rel = root.relativize(p);
        for (Path part : rel) {
            String s = part.toString();
            if (s.equals("target") || s.equals("node_modules") || (s.startsWith(".") && !s.equals(".ci"))) return false;
        }
        String name = p.getFileName().toString();
        if (name.matches(".*\\.(java|md|xml|yaml|yml|sh|properties|txt)")) return true;
        String first = rel.getName(0).toString();
        return !name.contains(".") && (first.equals("scripts") || first.equals(".ci") || name.equals("everynode"));
    }

    static String doc(String path) {
        return files.get(path);
    }

    @Test
    void everyRuleIdCitedInTheRepositoryHasItsEntryInTheRulesDoc() {
        Set<String> entries = RULE_ENTRY
                .matcher(doc("docs/daemonset-rules.md"))
                .results()
                .map(m -> m.group(1))
                .collect(Collectors.toSet());
        List<String> unresolved = new ArrayList<>();
        int cited = 0;
        for (var f : files.entrySet()) {
            Matcher m = RULE_ID.matcher(f.getValue());
            while (m.find()) {
                cited++;
                if (!entries.contains(m.group())) unresolved.add(f.getKey() + ": " + m.group());
            }
        }
        assertThat(cited)
                .as("rule citations found (the scan must see the sources)")
                .isGreaterThan(300);
        assertThat(unresolved)
                .as("rule IDs without an entry in docs/daemonset-rules.md")
                .isEmpty();
    }

    @Test
    void everySectionCitedOfTheRulesOrTheKubectlContractIsAHeadingThere() {
        Map<String, Set<String>> headings = Map.of(
                "daemonset-rules", headings(doc("docs/daemonset-rules.md")),
                "kubectl-contract", headings(doc("docs/kubectl-contract.md")));
        List<String> unresolved = new ArrayList<>();
        int cited = 0;
        for (var f : files.entrySet()) {
            Matcher m = SECTION_CITE.matcher(f.getValue());
            while (m.find()) {
                Matcher r = SECTION_REF.matcher(m.group(2));
                while (r.find()) {
                    for (String section : new String[] {r.group(1), r.group(2)}) {
                        if (section == null) continue;
                        cited++;
                        if (!headings.get(m.group(1)).contains(section))
                            unresolved.add(f.getKey() + ": " + m.group(1) + ".md §" + section);
                    }
                }
            }
        }
        assertThat(cited).as("section citations found").isGreaterThan(20);
        assertThat(unresolved).as("sections cited but not in docs/").isEmpty();
    }

    static Set<String> headings(String doc) {
        return HEADING.matcher(doc).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyDesignRuleCitedIsANumberedStyleRuleOfTheDesignDoc() {
        Set<String> rules = DESIGN_RULE_ENTRY
                .matcher(doc("docs/design.md"))
                .results()
                .map(m -> m.group(1))
                .collect(Collectors.toSet());
        List<String> unresolved = new ArrayList<>();
        int cited = 0;
        for (var f : files.entrySet()) {
            Matcher m = DESIGN_RULE_CITE.matcher(f.getValue());
            while (m.find()) {
                for (String n : new String[] {m.group(1), m.group(2)}) {
                    if (n == null) continue;
                    cited++;
                    if (!rules.contains(n)) unresolved.add(f.getKey() + ": design.md rule " + n);
                }
            }
        }
        assertThat(cited).as("design rule citations found").isGreaterThan(5);
        assertThat(unresolved)
                .as("design rules cited but not numbered in docs/design.md")
                .isEmpty();
    }

    @Test
    void noFileCitesTheFolderBesideTheCheckoutButTheGuidesOneReader() {
        List<String> outside = new ArrayList<>();
        for (var f : files.entrySet()) {
            if (MAY_NAME_THE_GUIDE_FOLDER.contains(f.getKey())) continue;
            String[] lines = f.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (OUTSIDE.matcher(lines[i]).find()) outside.add(f.getKey() + ":" + (i + 1) + ": " + lines[i].strip());
            }
        }
        assertThat(outside).as("citations of files outside the repository").isEmpty();
    }
}
