package io.everynode.testkit.images;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A small image made in memory: gzip layers, a config (Entrypoint, Cmd, Env, WorkingDir, User,
 * diff_ids) and a manifest in OCI (default) or Docker schema 2 media types. Its blobs push to a
 * {@link TestRegistry} or write out as an OCI layout, an OCI archive or a {@code docker save}
 * archive. {@link #index} puts several (one per platform) behind an OCI index.
 */
public final class OciImage {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    /** A blob: its media type, digest ({@code sha256:…}) and bytes. */
    public record Blob(String mediaType, String digest, byte[] bytes) {
        static Blob of(String mediaType, byte[] bytes) {
            return new Blob(mediaType, sha256(bytes), bytes);
        }

        String descriptor(Map<String, String> extra) {
            return Json.descriptor(mediaType, digest, bytes.length, extra);
        }
    }

    private final Blob config;
    private final List<Blob> layers;
    private final List<byte[]> tars;
    private final Blob manifest;
    private final String architecture;

    private OciImage(Blob config, List<Blob> layers, List<byte[]> tars, Blob manifest, String architecture) {
        this.config = config;
        this.layers = List.copyOf(layers);
        this.tars = List.copyOf(tars);
        this.manifest = manifest;
        this.architecture = architecture;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An image of busybox with the given command as its Cmd. */
    public static OciImage busybox(String... cmd) {
        return builder().layer(new Layer().busybox()).cmd(cmd).build();
    }

    public Blob config() {
        return config;
    }

    public List<Blob> layers() {
        return layers;
    }

    public Blob manifest() {
        return manifest;
    }

    public String architecture() {
        return architecture;
    }

    /** This image's layers' diffIDs, lowest first. */
    public List<String> diffIds() {
        return tars.stream().map(OciImage::sha256).toList();
    }

    /** An OCI index of {@code images}, each entry with its image's platform {@code linux/<arch>}. */
    public static Blob index(List<OciImage> images) {
        List<String> entries = new ArrayList<>();
        for (OciImage i : images) {
            entries.add(i.manifest.descriptor(
                    Map.of("platform", "{\"os\":\"linux\",\"architecture\":" + Json.str(i.architecture) + "}")));
        }
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
                + String.join(",", entries) + "]}";
        return Blob.of(OCI_INDEX, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Every blob but the manifest: config, then layers. */
    public List<Blob> contentBlobs() {
        List<Blob> all = new ArrayList<>();
        all.add(config);
        all.addAll(layers);
        return all;
    }

    /** Writes an OCI image layout at {@code dir}, its index entry named {@code name} (e.g. {@code example.com/a:1}). */
    public void writeOciLayout(Path dir, String name) throws IOException {
        Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
        for (Blob b : contentBlobs()) Files.write(blobs.resolve(hex(b.digest)), b.bytes);
        Files.write(blobs.resolve(hex(manifest.digest)), manifest.bytes);
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        String tag = name.substring(name.lastIndexOf(':') + 1);
        String entry = manifest.descriptor(Map.of(
                "annotations",
                "{\"io.containerd.image.name\":" + Json.str(name) + ",\"org.opencontainers.image.ref.name\":"
                        + Json.str(tag) + "}"));
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + entry + "]}");
    }

    /** The OCI layout as one tar (an {@code oci-archive}). */
    public void writeOciArchive(Path tarFile, String name) throws IOException {
        Path dir = Files.createTempDirectory("oci-layout-");
        try {
            writeOciLayout(dir, name);
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (var walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (Files.isRegularFile(p)) files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
            writeTar(tarFile, files);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A {@code docker save} archive (legacy form: {@code manifest.json}, {@code <id>/layer.tar}, uncompressed). */
    public void writeDockerSave(Path tarFile, List<String> repoTags) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String configName = hex(config.digest) + ".json";
        files.put(configName, config.bytes);
        List<String> layerNames = new ArrayList<>();
        for (byte[] tar : tars) {
            String n = hex(sha256(tar)) + "/layer.tar";
            files.put(n, tar);
            layerNames.add(n);
        }
        files.put(
                "manifest.json",
                ("[{\"Config\":" + Json.str(configName) + ",\"RepoTags\":" + Json.array(repoTags) + ",\"Layers\":"
                                + Json.array(layerNames) + "}]")
                        .getBytes(StandardCharsets.UTF_8));
        writeTar(tarFile, files);
    }

    private static void writeTar(Path tarFile, Map<String, byte[]> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(tarFile);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    static String hex(String digest) {
        return digest.substring("sha256:".length());
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This machine's architecture as the OCI image spec names it (amd64, arm64, …). */
    public static String currentArchitecture() {
        String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> a;
        };
    }

    /** Builds an {@link OciImage}. */
    public static final class Builder {
        private final List<Layer> layers = new ArrayList<>();
        private List<String> entrypoint = List.of();
        private List<String> cmd = List.of();
        private final List<String> env =
                new ArrayList<>(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        private String workingDir = "";
        private String user = "";
        private String architecture = currentArchitecture();
        private boolean docker;

        public Builder layer(Layer layer) {
            layers.add(layer);
            return this;
        }

        public Builder entrypoint(String... e) {
            entrypoint = List.of(e);
            return this;
        }

        public Builder cmd(String... c) {
            cmd = List.of(c);
            return this;
        }

        public Builder env(String nameEqualsValue) {
            env.add(nameEqualsValue);
            return this;
        }

        public Builder workingDir(String dir) {
            workingDir = dir;
            return this;
        }

        public Builder user(String u) {
            user = u;
            return this;
        }

        public Builder architecture(String arch) {
            architecture = arch;
            return this;
        }

        /** Docker schema 2 media types instead of the OCI's. */
        public Builder dockerMediaTypes() {
            docker = true;
            return this;
        }

        public OciImage build() {
            List<byte[]> tars = layers.stream().map(Layer::tar).toList();
            List<Blob> blobs = new ArrayList<>();
            for (byte[] t : tars) {
                blobs.add(Blob.of(
                        docker
                                ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
                                : "application/vnd.oci.image.layer.v1.tar+gzip",
                        Layer.gzip(t)));
            }
            String configJson = "{\"architecture\":" + Json.str(architecture) + ",\"os\":\"linux\",\"config\":{"
                    + "\"Entrypoint\":" + Json.array(entrypoint) + ",\"Cmd\":" + Json.array(cmd) + ",\"Env\":"
                    + Json.array(env) + ",\"WorkingDir\":" + Json.str(workingDir) + ",\"User\":" + Json.str(user)
                    + "},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":"
                    + Json.array(tars.stream().map(OciImage::sha256).toList()) + "}}";
            Blob config = Blob.of(
                    docker
                            ? "application/vnd.docker.container.image.v1+json"
                            : "application/vnd.oci.image.config.v1+json",
                    configJson.getBytes(StandardCharsets.UTF_8));
            String manifestType = docker ? DOCKER_MANIFEST : OCI_MANIFEST;
            String manifestJson = "{\"schemaVersion\":2,\"mediaType\":" + Json.str(manifestType) + ",\"config\":"
                    + config.descriptor(Map.of()) + ",\"layers\":["
                    + String.join(
                            ",", blobs.stream().map(b -> b.descriptor(Map.of())).toList()) + "]}";
            Blob manifest = Blob.of(manifestType, manifestJson.getBytes(StandardCharsets.UTF_8));
            return new OciImage(config, blobs, tars, manifest, architecture);
        }
    }
}
