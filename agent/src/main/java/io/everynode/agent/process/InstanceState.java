package io.everynode.agent.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What the runtime must know of a started instance to take it over after an agent restart, as
 * saved in the instance's {@code state.properties} (layout in {@link InstanceFiles}): its
 * container id, image, the wrapper's pid with its start time in clock ticks (so a reused pid is
 * not mistaken for ours), the OOM-kill count of its cgroup at start, and whether it runs with
 * private mounts or isolation (an exec must enter the same).
 */
record InstanceState(
        String id,
        String image,
        String imageID,
        Instant startedAt,
        long pid,
        long ticks,
        long oomBase,
        boolean mounted,
        boolean isolated) {
    static final String FILE = "state.properties";

    /** Writes this state into {@code instanceDir} atomically (a reader sees the old file or the new one). */
    void write(Path instanceDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("image", image == null ? "" : image);
        p.setProperty("imageID", imageID);
        p.setProperty("startedAt", startedAt.toString());
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("ticks", Long.toString(ticks));
        p.setProperty("oomBase", Long.toString(oomBase));
        p.setProperty("mounted", Boolean.toString(mounted));
        p.setProperty("isolated", Boolean.toString(isolated));
        InstanceFiles.write(instanceDir.resolve(FILE), p);
    }

    /** The state saved in {@code instanceDir}; empty when there is none (the instance never started). */
    static Optional<InstanceState> read(Path instanceDir) {
        return InstanceFiles.read(instanceDir.resolve(FILE))
                .map(p -> new InstanceState(
                        p.getProperty("id"),
                        p.getProperty("image"),
                        p.getProperty("imageID", ""),
                        Instant.parse(p.getProperty("startedAt")),
                        Long.parseLong(p.getProperty("pid")),
                        Long.parseLong(p.getProperty("ticks")),
                        Long.parseLong(p.getProperty("oomBase", "0")),
                        Boolean.parseBoolean(p.getProperty("mounted")),
                        Boolean.parseBoolean(p.getProperty("isolated"))));
    }
}
