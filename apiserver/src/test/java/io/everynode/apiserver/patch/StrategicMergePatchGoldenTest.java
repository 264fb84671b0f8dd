package io.everynode.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Golden cases under {@code src/test/resources/patch/strategic}: one file per rule, each holding
 * {@code kind}, {@code target}, {@code patch} and the expected {@code result}. The file name is
 * the sentence the case proves. Arrays compare in order, so list order is checked too.
 */
class StrategicMergePatchGoldenTest {

    static List<Named<Path>> goldenFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(StrategicMergePatchGoldenTest.class
                .getResource("/patch/strategic")
                .toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .map(p -> Named.of(
                            p.getFileName().toString().replace(".json", "").replace('-', ' '), p))
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void producesTheGoldenResult(Path file) throws IOException {
        JsonNode golden = Json.mapper().readTree(Files.readString(file));
        JsonNode target = golden.get("target");
        JsonNode patch = golden.get("patch");
        JsonNode targetBefore = target.deepCopy();
        JsonNode patchBefore = patch.deepCopy();

        JsonNode result =
                StrategicMergePatch.forKind(golden.get("kind").stringValue()).apply(target, patch);

        assertThat(result).as(golden.get("description").stringValue()).isEqualTo(golden.get("result"));
        assertThat(result.toString())
                .doesNotContain("\"$patch\"", "$retainKeys", "$setElementOrder/", "$deleteFromPrimitiveList/");
        assertThat(target).as("target unchanged").isEqualTo(targetBefore);
        assertThat(patch).as("patch unchanged").isEqualTo(patchBefore);
    }

    @Test
    void everyGoldenFileIsFound() throws Exception {
        assertThat(goldenFiles()).hasSizeGreaterThanOrEqualTo(40);
    }
}
