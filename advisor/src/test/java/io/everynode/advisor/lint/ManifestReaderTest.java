package io.everynode.advisor.lint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
    private static List<Manifest> parse(String text) throws LintInputException {
        return ManifestReader.parse("f.yaml", text.getBytes(UTF_8));
    }

    @Test
    void documentsAreNumberedAsTheFileHasThemEmptyOnesIncluded() throws Exception {
        List<Manifest> ms = parse("kind: A\n---\n---\nkind: B\n");
        assertThat(ms).extracting(Manifest::kind).containsExactly("A", "B");
        assertThat(ms).extracting(Manifest::document).containsExactly(1, 3);
    }

    @Test
    void aListBecomesOneManifestPerItemWithItsPathPrefix() throws Exception {
        List<Manifest> ms = parse("apiVersion: v1\nkind: List\nitems:\n- {kind: A}\n- {kind: B}\n");
        assertThat(ms).extracting(Manifest::kind).containsExactly("A", "B");
        assertThat(ms).extracting(Manifest::pathPrefix).containsExactly("items[0].", "items[1].");
        assertThat(ms).extracting(Manifest::document).containsExactly(1, 1);
    }

    @Test
    void jsonIsReadToo() throws Exception {
        assertThat(parse("{\"kind\": \"DaemonSet\", \"apiVersion\": \"apps/v1\"}"))
                .extracting(Manifest::apiVersion)
                .containsExactly("apps/v1");
    }

    @Test
    void badYamlNamesTheFileAndTheLine() {
        assertThatThrownBy(() -> parse("kind: A\n---\nkind: B\n  spec: [\n"))
                .isInstanceOf(LintInputException.class)
                .hasMessageStartingWith("f.yaml:4: not valid YAML");
    }

    @Test
    void aDocumentThatIsNotAnObjectIsAnError() {
        assertThatThrownBy(() -> parse("kind: A\n---\n- a\n- b\n"))
                .isInstanceOf(LintInputException.class)
                .hasMessage("f.yaml: document 2 is not an object (a ARRAY)");
    }

    @Test
    void aDirectoryGivesItsManifestFilesByNameAndStdinIsDash(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.yml"), "kind: B\n");
        Files.writeString(dir.resolve("a.yaml"), "kind: A\n");
        Files.writeString(dir.resolve("notes.txt"), "kind: Ignored\n");
        var reader = new ManifestReader(new ByteArrayInputStream("kind: S\n".getBytes(UTF_8)));
        List<Manifest> ms = reader.read(List.of(dir.toString(), "-"));
        assertThat(ms).extracting(Manifest::kind).containsExactly("A", "B", "S");
        assertThat(ms)
                .extracting(Manifest::file)
                .containsExactly(
                        dir.resolve("a.yaml").toString(), dir.resolve("b.yml").toString(), "stdin");
    }

    @Test
    void aMissingFileOrAnEmptyDirectoryIsAnError(@TempDir Path dir) {
        var reader = new ManifestReader(new ByteArrayInputStream(new byte[0]));
        assertThatThrownBy(() -> reader.read(List.of(dir.resolve("nope.yaml").toString())))
                .isInstanceOf(LintInputException.class)
                .hasMessageEndingWith("nope.yaml: no such file or directory");
        assertThatThrownBy(() -> reader.read(List.of(dir.toString())))
                .isInstanceOf(LintInputException.class)
                .hasMessageContaining("holds no .yaml, .yml or .json file");
    }
}
