package io.everynode.advisor.lint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads what {@code lint -f} names into {@link Manifest}s, in order: a file (YAML, several
 * documents separated by {@code ---}, or JSON), {@value #STDIN} for standard input, or a
 * directory (its {@code .yaml}, {@code .yml} and {@code .json} files, not recursively, by name).
 * A {@code List} (kind {@code List} or {@code …List} with {@code items}) becomes one manifest per
 * item. Empty documents are skipped but keep their number, so document numbers are the file's.
 */
public final class ManifestReader {
    /** The name that means standard input. */
    public static final String STDIN = "-";

    /** Immutable once built; shared read-only. */
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final InputStream stdin;

    /** @param stdin what {@value #STDIN} reads */
    public ManifestReader(InputStream stdin) {
        this.stdin = stdin;
    }

    /** The manifests of every source, in the order given. */
    public List<Manifest> read(List<String> sources) throws LintInputException {
        List<Manifest> out = new ArrayList<>();
        for (String source : sources) {
            if (source.equals(STDIN)) {
                out.addAll(parse("stdin", readStdin()));
                continue;
            }
            Path p = Path.of(source);
            if (Files.isDirectory(p)) {
                List<Path> files = manifestFiles(p);
                if (files.isEmpty()) {
                    throw new LintInputException(source + ": the directory holds no .yaml, .yml or .json file");
                }
                for (Path f : files) out.addAll(parse(f.toString(), readFile(f)));
            } else {
                out.addAll(parse(source, readFile(p)));
            }
        }
        return out;
    }

    /** The manifests of one file's text; {@code file} names it in manifests and errors. */
    public static List<Manifest> parse(String file, byte[] bytes) throws LintInputException {
        List<Manifest> out = new ArrayList<>();
        int document = 0;
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(bytes)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                document++;
                if (node == null || node.isNull() || node.isMissingNode()) continue;
                if (!(node instanceof ObjectNode object)) {
                    throw new LintInputException(
                            file + ": document " + document + " is not an object (a " + node.getNodeType() + ")");
                }
                expand(file, document, object, out);
            }
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String line = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr();
            throw new LintInputException(file + line + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    private static void expand(String file, int document, ObjectNode object, List<Manifest> out)
            throws LintInputException {
        String kind = object.path("kind").asString("");
        JsonNode items = object.get("items");
        if (!kind.endsWith("List") || items == null) {
            out.add(new Manifest(file, document, "", object));
            return;
        }
        if (!items.isArray()) throw new LintInputException(file + ": document " + document + ": items is not a list");
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof ObjectNode item)) {
                throw new LintInputException(file + ": document " + document + ": items[" + i + "] is not an object");
            }
            out.add(new Manifest(file, document, "items[" + i + "].", item));
        }
    }

    private static List<Path> manifestFiles(Path dir) throws LintInputException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> {
                        String n = f.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new LintInputException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
    }

    private static byte[] readFile(Path p) throws LintInputException {
        if (!Files.exists(p)) throw new LintInputException(p + ": no such file or directory");
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new LintInputException(p + ": cannot read: " + e.getMessage(), e);
        }
    }

    private byte[] readStdin() throws LintInputException {
        try {
            return stdin.readAllBytes();
        } catch (IOException e) {
            throw new LintInputException("stdin: cannot read: " + e.getMessage(), e);
        }
    }
}
