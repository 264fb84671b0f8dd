package io.everynode.agent.cni;

import io.everynode.agent.container.PodNetwork.PortMapping;
import io.everynode.api.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attachments of one node, one JSON file per pod ({@code <dir>/<pod uid>.json}), so an agent
 * that restarts answers the same namespace and addresses and can still run DEL with what the ADD
 * was given (portmap removes its rules only when told the port mappings again) and the result it
 * answered (the {@code prevResult} of CHECK and DEL). Files are replaced atomically.
 */
final class AttachmentStore {
    private final Path dir;

    AttachmentStore(Path dir) {
        this.dir = dir;
    }

    /** One pod's attachment as recorded after a successful ADD. */
    record Entry(String podUid, String namespace, String name, String netns, List<PortMapping> ports, JsonNode result) {
        Entry {
            ports = List.copyOf(ports);
        }
    }

    void write(Entry e) {
        ObjectNode o = Json.object();
        o.put("podUid", e.podUid());
        o.put("namespace", e.namespace());
        o.put("name", e.name());
        o.put("netns", e.netns());
        ArrayNode ports = o.putArray("ports");
        for (PortMapping p : e.ports()) {
            ObjectNode m = ports.addObject();
            m.put("hostPort", p.hostPort());
            m.put("containerPort", p.containerPort());
            m.put("protocol", p.protocol());
            m.put("hostIP", p.hostIP() == null ? "" : p.hostIP());
        }
        o.set("result", e.result());
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(e.podUid() + ".json.tmp");
            Files.write(tmp, Json.bytes(o));
            try {
                Files.move(tmp, file(e.podUid()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException x) {
                Files.move(tmp, file(e.podUid()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException x) {
            throw new UncheckedIOException("cannot record the network of pod " + e.podUid(), x);
        }
    }

    /** The pod's entry, or null when there is none (or it cannot be read: the caller starts over). */
    Entry read(String podUid) {
        Path f = file(podUid);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            JsonNode o = Json.parse(Files.readAllBytes(f));
            List<PortMapping> ports = new ArrayList<>();
            for (JsonNode m : o.path("ports")) {
                ports.add(new PortMapping(
                        m.path("hostPort").asInt(),
                        m.path("containerPort").asInt(),
                        m.path("protocol").asString("TCP"),
                        m.path("hostIP").asString("")));
            }
            return new Entry(
                    o.path("podUid").asString(podUid),
                    o.path("namespace").asString(""),
                    o.path("name").asString(""),
                    o.path("netns").asString(""),
                    ports,
                    o.get("result"));
        } catch (IOException | RuntimeException x) {
            return null;
        }
    }

    void remove(String podUid) {
        try {
            Files.deleteIfExists(file(podUid));
        } catch (IOException x) {
            throw new UncheckedIOException("cannot remove the network record of pod " + podUid, x);
        }
    }

    /** The pod uids with an entry. */
    List<String> podUids() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException x) {
            throw new UncheckedIOException("cannot list " + dir, x);
        }
    }

    private Path file(String podUid) {
        if (!podUid.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("not a pod uid: " + podUid);
        }
        return dir.resolve(podUid + ".json");
    }
}
