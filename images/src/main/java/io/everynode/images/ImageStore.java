package io.everynode.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * A node's images on disk, shared by every node of one process:
 *
 * <pre>
 * blobs/sha256/&lt;hex&gt;   manifests, indexes and configs (layer blobs only until unpacked)
 * layers/&lt;diffID hex&gt;  each layer unpacked once, an overlay lower directory
 * names/&lt;sha256(name)&gt; a name and the digest it points at (a manifest or an index)
 * used/&lt;hex&gt;          when an image was last used (for garbage collection)
 * tmp/                 temporaries, renamed into place when complete
 * </pre>
 *
 * An image is whole when its manifest (for the store's platform, through an index if need be),
 * its config and every layer named by the config's diffIDs are here. Writers (imports, pulls) run
 * their whole job inside {@link #writing}, so a {@link #sweep} (garbage collection, {@code rm})
 * never removes content a pull has fetched but not yet named. Thread-safe.
 */
public final class ImageStore {
    private final Path root;
    private final String platform;
    private final Clock clock;
    private final BlobStore blobs;
    private final ImageNames names;
    private final LayerUnpacker unpacker;
    private final Path layers;
    private final Path used;
    private final ReadWriteLock content = new ReentrantReadWriteLock();
    private final Object[] layerLocks = new Object[64];

    /**
     * @param platform the node's platform, {@code os/arch} (see {@link Platform#current()})
     * @param special makes whiteouts, opaque directories and devices in unpacked layers
     */
    public ImageStore(Path root, String platform, SpecialFiles special, Clock clock) {
        this.root = root.toAbsolutePath();
        this.platform = platform;
        this.clock = clock;
        this.blobs = new BlobStore(this.root);
        this.names = new ImageNames(this.root, blobs.tmp());
        this.unpacker = new LayerUnpacker(special);
        this.layers = this.root.resolve("layers");
        this.used = this.root.resolve("used");
        for (int i = 0; i < layerLocks.length; i++) layerLocks[i] = new Object();
        try {
            Files.createDirectories(layers);
            Files.createDirectories(used);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image store at " + root, e);
        }
    }

    /** The store at {@code root} for this machine's platform, with the system's commands and clock. */
    public static ImageStore open(Path root) {
        return new ImageStore(root, Platform.current(), SpecialFiles.commands(), Clock.systemUTC());
    }

    public Path root() {
        return root;
    }

    public String platform() {
        return platform;
    }

    /** Runs {@code job} (an import or a pull) so that no sweep removes what it writes before it names it. */
    public <T> T writing(Callable<T> job) throws Exception {
        content.readLock().lock();
        try {
            return job.call();
        } finally {
            content.readLock().unlock();
        }
    }

    public boolean hasBlob(Digest digest) {
        return blobs.has(digest);
    }

    public byte[] blob(Digest digest) {
        return blobs.read(digest);
    }

    /** Stores a blob after checking its digest (and size, unless -1); see {@link BlobStore#put}. */
    public void putBlob(Digest digest, long size, InputStream in) throws IOException {
        blobs.put(digest, size, in);
    }

    public void putBlob(Digest digest, byte[] bytes) throws IOException {
        blobs.put(digest, bytes);
    }

    public boolean hasLayer(Digest diffId) {
        return Files.isDirectory(layers.resolve(diffId.hex()));
    }

    /**
     * Unpacks the layer blob {@code blob} (already stored) as layer {@code diffId}, once: a
     * layer that is there is not unpacked again. The blob is removed afterwards (the unpacked
     * directory is what containers use).
     */
    public Path unpackLayer(Digest blob, Digest diffId) throws IOException {
        Path target = layers.resolve(diffId.hex());
        synchronized (layerLocks[Math.floorMod(diffId.hashCode(), layerLocks.length)]) {
            if (!Files.isDirectory(target)) {
                Path staging = Files.createTempDirectory(blobs.tmp(), "layer-");
                try {
                    try (InputStream in = Files.newInputStream(blobs.path(blob))) {
                        unpacker.unpack(in, staging, diffId);
                    }
                    Files.setPosixFilePermissions(staging, LayerUnpacker.permissions(0755));
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    LayerUnpacker.deleteTree(staging);
                }
            }
        }
        blobs.delete(blob);
        return target;
    }

    /**
     * Points {@code name} (a normalized reference's text, without a digest) at {@code digest},
     * once the image is whole.
     *
     * @throws BadImage when the image is not whole in the store
     */
    public StoredImage name(String name, Digest digest) throws IOException {
        StoredImage image = load(digest, List.of(name))
                .orElseThrow(() ->
                        new BadImage("image " + digest + " is not complete in the store for platform " + platform));
        names.put(name, digest);
        touch(digest);
        return image;
    }

    /** The whole image {@code reference} names: by its digest when it has one, else by its name. */
    public Optional<StoredImage> find(ImageReference reference) {
        if (reference.digest() != null) {
            return load(reference.digest(), namesOf(reference.digest()));
        }
        return names.get(reference.toString()).flatMap(d -> load(d, namesOf(d)));
    }

    /** Every whole image that has a name, with all its names. */
    public List<StoredImage> list() {
        Map<Digest, List<String>> byDigest = new LinkedHashMap<>();
        names.all()
                .forEach((n, d) ->
                        byDigest.computeIfAbsent(d, x -> new ArrayList<>()).add(n));
        List<StoredImage> out = new ArrayList<>();
        byDigest.forEach((d, n) -> load(d, n).ifPresent(out::add));
        return out;
    }

    /**
     * Removes the name {@code reference} (or, for a reference with a digest, every name of that
     * image), then the content no other image uses.
     *
     * @return whether anything was named so
     */
    public boolean remove(ImageReference reference) throws IOException {
        boolean removed = false;
        if (reference.digest() != null) {
            for (String n : namesOf(reference.digest())) removed |= names.remove(n);
            removed |= blobs.has(reference.digest());
            Files.deleteIfExists(used.resolve(reference.digest().hex()));
        } else {
            Optional<Digest> d = names.get(reference.toString());
            removed = names.remove(reference.toString());
            if (d.isPresent() && namesOf(d.get()).isEmpty())
                Files.deleteIfExists(used.resolve(d.get().hex()));
        }
        sweep();
        return removed;
    }

    /** Removes every name of image {@code digest}, then the content no other image uses. */
    public void removeImage(Digest digest) throws IOException {
        for (String n : namesOf(digest)) names.remove(n);
        Files.deleteIfExists(used.resolve(digest.hex()));
        sweep();
    }

    private List<String> namesOf(Digest digest) {
        List<String> out = new ArrayList<>();
        names.all().forEach((n, d) -> {
            if (d.equals(digest)) out.add(n);
        });
        return out;
    }

    /** Records that the image {@code digest} is used now (garbage collection removes the least recently used first). */
    public void touch(Digest digest) throws IOException {
        Path temp = Files.createTempFile(blobs.tmp(), "used-", ".part");
        try {
            Files.writeString(temp, Long.toString(clock.millis()));
            Files.move(
                    temp,
                    used.resolve(digest.hex()),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** When image {@code digest} was last used or named; the epoch when never. */
    public Instant lastUsed(Digest digest) {
        try {
            return Instant.ofEpochMilli(
                    Long.parseLong(Files.readString(used.resolve(digest.hex())).trim()));
        } catch (NoSuchFileException e) {
            return Instant.EPOCH;
        } catch (IOException | NumberFormatException e) {
            return Instant.EPOCH;
        }
    }

    /**
     * Removes the blobs and layers no named image uses, and leftover temporaries. Waits for
     * running imports and pulls to finish first.
     */
    public void sweep() throws IOException {
        content.writeLock().lock();
        try {
            Set<Digest> keepBlobs = new HashSet<>();
            Set<String> keepLayers = new HashSet<>();
            for (Digest d : new HashSet<>(names.all().values())) references(d, keepBlobs, keepLayers);
            for (Digest b : blobs.all()) if (!keepBlobs.contains(b)) blobs.delete(b);
            try (Stream<Path> dirs = Files.list(layers)) {
                for (Path dir : (Iterable<Path>) dirs::iterator) {
                    if (!keepLayers.contains(dir.getFileName().toString())) LayerUnpacker.deleteTree(dir);
                }
            }
            try (Stream<Path> temps = Files.list(blobs.tmp())) {
                for (Path t : (Iterable<Path>) temps::iterator) LayerUnpacker.deleteTree(t);
            }
        } finally {
            content.writeLock().unlock();
        }
    }

    /** Adds what image {@code digest} uses (every platform's manifest of an index, configs, layers). */
    private void references(Digest digest, Set<Digest> keepBlobs, Set<String> keepLayers) {
        if (!blobs.has(digest) || !keepBlobs.add(digest)) return;
        try {
            byte[] doc = blobs.read(digest);
            String type = Manifests.mediaTypeOf(doc, null);
            if (MediaTypes.isIndex(type)) {
                for (Descriptor m : Manifests.index(doc).manifests()) references(m.digest(), keepBlobs, keepLayers);
                return;
            }
            Manifests.Manifest manifest = Manifests.manifest(doc);
            keepBlobs.add(manifest.config().digest());
            for (Descriptor l : manifest.layers()) keepBlobs.add(l.digest());
            if (blobs.has(manifest.config().digest())) {
                for (Digest diffId : ImageConfig.parse(
                                blobs.read(manifest.config().digest()))
                        .diffIds()) {
                    keepLayers.add(diffId.hex());
                }
            }
        } catch (BadImage | UncheckedIOException e) {
            // a document that is not a manifest: nothing more to keep
        }
    }

    /**
     * The manifest for the store's platform that {@code digest} names (itself, or its entry in an
     * index), if it is stored.
     */
    public Optional<Digest> platformManifest(Digest digest) {
        if (!blobs.has(digest)) return Optional.empty();
        byte[] doc = blobs.read(digest);
        if (!MediaTypes.isIndex(Manifests.mediaTypeOf(doc, null))) return Optional.of(digest);
        return Manifests.index(doc)
                .forPlatform(platform)
                .map(Descriptor::digest)
                .filter(blobs::has);
    }

    private Optional<StoredImage> load(Digest digest, List<String> imageNames) {
        Optional<Digest> manifestDigest = platformManifest(digest);
        if (manifestDigest.isEmpty()) return Optional.empty();
        Manifests.Manifest manifest = Manifests.manifest(blobs.read(manifestDigest.get()));
        if (!blobs.has(manifest.config().digest())) return Optional.empty();
        ImageConfig config = ImageConfig.parse(blobs.read(manifest.config().digest()));
        List<Path> dirs = new ArrayList<>();
        for (Digest diffId : config.diffIds()) {
            Path dir = layers.resolve(diffId.hex());
            if (!Files.isDirectory(dir)) return Optional.empty();
            dirs.add(dir);
        }
        long size = manifest.config().size();
        for (Descriptor l : manifest.layers()) size += Math.max(0, l.size());
        return Optional.of(new StoredImage(imageNames, digest, manifestDigest.get(), config, dirs, size));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
