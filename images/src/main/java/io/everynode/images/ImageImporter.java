package io.everynode.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code everynode image import}: an OCI image layout (a directory or a tar of one, as
 * {@code skopeo copy … oci-archive:} or {@code docker buildx --output type=oci} write) or a
 * {@code docker save} archive ({@code manifest.json} with RepoTags). An archive holding both (Docker
 * 25 and later) is read as an OCI layout. Each image is named by its index entry's
 * {@code io.containerd.image.name} or {@code org.opencontainers.image.ref.name} annotation (when
 * that is a whole reference), or its RepoTags; {@code fallbackName} names an image that has none.
 */
public final class ImageImporter {
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    static final String OCI_REF_NAME = "org.opencontainers.image.ref.name";

    /** One imported image: the name it got and what it points at. */
    public record Imported(String name, Digest digest) {}

    private final ImageStore store;

    public ImageImporter(ImageStore store) {
        this.store = store;
    }

    public List<Imported> importFrom(Path file, Optional<String> fallbackName) throws Exception {
        return store.writing(() -> {
            if (Files.isDirectory(file)) return importDirectory(file, fallbackName);
            Path unpacked = Files.createTempDirectory(store.root().resolve("tmp"), "import-");
            try {
                extractArchive(file, unpacked);
                return importDirectory(unpacked, fallbackName);
            } finally {
                LayerUnpacker.deleteTree(unpacked);
            }
        });
    }

    private List<Imported> importDirectory(Path dir, Optional<String> fallbackName) throws IOException {
        if (Files.isRegularFile(dir.resolve("index.json"))) return importOciLayout(dir, fallbackName);
        if (Files.isRegularFile(dir.resolve("manifest.json"))) return importDockerSave(dir);
        throw new BadImage(
                dir + " is neither an OCI image layout (index.json) nor a docker save archive (manifest.json)");
    }

    private List<Imported> importOciLayout(Path dir, Optional<String> fallbackName) throws IOException {
        Manifests.Index index = Manifests.index(Files.readAllBytes(dir.resolve("index.json")));
        ImageFetcher.BlobSource source = d ->
                open(dir.resolve("blobs").resolve("sha256").resolve(d.digest().hex()), d);
        List<Imported> out = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            if (!entry.platform().isEmpty() && !entry.platform().startsWith(store.platform())) continue;
            String name = nameOf(entry.annotations())
                    .or(() -> fallbackName)
                    .orElseThrow(() -> new BadImage(
                            "image " + entry.digest() + " has no name in the archive: give one with --name"));
            new ImageFetcher(store).fetch(source, entry);
            out.add(named(name, entry.digest()));
        }
        return out;
    }

    /** The entry's whole reference, if its annotations hold one. */
    static Optional<String> nameOf(Map<String, String> annotations) {
        String containerd = annotations.get(CONTAINERD_NAME);
        if (containerd != null) return Optional.of(containerd);
        String ref = annotations.getOrDefault(OCI_REF_NAME, "");
        return ref.contains(":") || ref.contains("/") ? Optional.of(ref) : Optional.empty();
    }

    private List<Imported> importDockerSave(Path dir) throws IOException {
        JsonNode manifests = Manifests.JSON.readTree(Files.readAllBytes(dir.resolve("manifest.json")));
        List<Imported> out = new ArrayList<>();
        for (JsonNode entry : manifests) {
            byte[] configBytes =
                    Files.readAllBytes(inside(dir, entry.path("Config").asString("")));
            Digest configDigest = Digest.of(configBytes);
            ObjectNode manifest = Manifests.JSON.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", MediaTypes.DOCKER_MANIFEST);
            manifest.set("config", descriptor(MediaTypes.DOCKER_CONFIG, configDigest, configBytes.length));
            ArrayNode layers = manifest.putArray("layers");
            List<Path> layerFiles = new ArrayList<>();
            for (JsonNode l : entry.path("Layers")) {
                Path file = inside(dir, l.asString(""));
                layerFiles.add(file);
                Digest digest;
                try (InputStream in = Files.newInputStream(file)) {
                    Digest.DigestingStream d = new Digest.DigestingStream(in);
                    d.drain();
                    digest = d.digest();
                }
                layers.add(descriptor(
                        gzipped(file) ? MediaTypes.DOCKER_LAYER_GZIP : MediaTypes.OCI_LAYER, digest, Files.size(file)));
            }
            byte[] manifestBytes = Manifests.JSON.writeValueAsBytes(manifest);
            Digest manifestDigest = Digest.of(manifestBytes);
            store.putBlob(manifestDigest, manifestBytes);
            store.putBlob(configDigest, configBytes);
            Map<Digest, Path> byDigest = new java.util.HashMap<>();
            for (int i = 0; i < layerFiles.size(); i++) {
                byDigest.put(Digest.parse(layers.get(i).path("digest").asString()), layerFiles.get(i));
            }
            new ImageFetcher(store)
                    .fetch(
                            d -> open(byDigest.get(d.digest()), d),
                            new Descriptor(
                                    MediaTypes.DOCKER_MANIFEST, manifestDigest, manifestBytes.length, "", Map.of()));
            JsonNode tags = entry.path("RepoTags");
            if (tags.isEmpty())
                throw new BadImage("image " + configDigest + " in the docker save archive has no RepoTags");
            for (JsonNode tag : tags) out.add(named(tag.asString(""), manifestDigest));
        }
        return out;
    }

    private Imported named(String name, Digest digest) throws IOException {
        String normalized = ImageReference.parse(name).withoutDigest().toString();
        store.name(normalized, digest);
        return new Imported(normalized, digest);
    }

    private static ObjectNode descriptor(String mediaType, Digest digest, long size) {
        ObjectNode d = Manifests.JSON.createObjectNode();
        d.put("mediaType", mediaType);
        d.put("digest", digest.toString());
        d.put("size", size);
        return d;
    }

    private static boolean gzipped(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
    }

    private static InputStream open(Path file, Descriptor d) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            throw new BadImage("the archive lacks blob " + d.digest() + " (" + d.mediaType() + ")");
        }
        return Files.newInputStream(file);
    }

    /** A file the archive names, symlinks resolved inside the archive's directory only. */
    private static Path inside(Path dir, String name) throws IOException {
        LayerUnpacker.inside(dir, name);
        return LayerUnpacker.resolveInRoot(dir, name);
    }

    /** Unpacks an archive's files, directories and symlinks into {@code into} (nothing outside it). */
    static void extractArchive(Path archive, Path into) throws IOException {
        try (InputStream raw = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(LayerUnpacker.decompressed(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path lexical = LayerUnpacker.inside(into, entry.getName());
                if (lexical.equals(into)) continue;
                Path target = LayerUnpacker.resolveInRoot(
                                into, into.relativize(lexical.getParent()).toString())
                        .resolve(lexical.getFileName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new BadImage(archive + " is not a tar archive: " + e.getMessage(), e);
        }
    }
}
