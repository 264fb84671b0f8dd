package io.everynode.agent.process;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets up a container's volumes: hostPath (with the kubelet's type checks, creating what
 * {@code DirectoryOrCreate} and {@code FileOrCreate} ask for, and a missing source of type "" as a
 * directory, as container runtimes do) and emptyDir (a directory under
 * the pod's own directory, removed with the pod, mode 0777 as the kubelet makes it, and given to
 * the pod's fsGroup as the kubelet does: see {@link FsGroupOwnership}). With a read-only root
 * filesystem a writable hostPath mounted at its own path is bound over itself, so it is a mount
 * of its own that stays writable. configMap, secret and projected volumes are the directories the agent had
 * the runtime write ({@link ProcessRuntime#writeVolumes}), always mounted read-only; a
 * {@code subPath} into one binds the key's current file, which later updates do not reach (as
 * upstream); a projected volume's missing mount point (the ServiceAccount token's
 * {@code /var/run/secrets/kubernetes.io/serviceaccount}) is created as an empty directory. Answers the bind mounts the wrapper makes in
 * the container's private mount namespace; a mount whose source already is its mountPath needs
 * none. Any failure is a {@link Failure} whose message the container's waiting state shows.
 */
public final class Volumes {
    /** The directory under a pod's directory that holds its emptyDir, configMap and secret volumes. */
    static final String DIR = "volumes";

    /** One bind mount, made by the wrapper inside the container's private mount namespace. */
    record Mount(Path source, Path target, boolean readOnly) {}

    /** Why a container's volumes could not be set up; the container keeps waiting (ContainerCreating). */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private Volumes() {}

    /**
     * @param podDir the pod's directory in the runtime's state (emptyDirs live under it)
     * @param canMount whether the wrapper can make bind mounts (root, with {@code unshare})
     * @param plan the container's securityContext (fsGroup, read-only root)
     */
    static List<Mount> prepare(Pod pod, Container c, Path podDir, boolean canMount, SecurityContextPlan plan)
            throws Failure {
        List<Mount> out = new ArrayList<>();
        if (c.getVolumeMounts() == null) return out;
        for (VolumeMount vm : c.getVolumeMounts()) {
            Volume v = find(pod, vm.getName());
            if (v == null) throw new Failure("volume \"" + vm.getName() + "\" is mounted but not declared in the pod");
            Path source;
            // configMap and secret volumes: written by the agent beforehand, always read-only (the kubelet's)
            boolean managed = v.getConfigMap() != null || v.getSecret() != null || v.getProjected() != null;
            if (managed) {
                source = podDir.resolve(DIR).resolve(v.getName());
                if (!Files.isSymbolicLink(source.resolve(AtomicVolumeWriter.DATA)))
                    throw new Failure("volume \"" + v.getName() + "\" has not been set up yet");
            } else if (v.getHostPath() != null) {
                source = hostPath(v.getHostPath());
                // Type "" checks nothing (the kubelet); a source still missing is then created as a
                // directory, as containerd's CRI and Docker do for a bind mount's source. The guide's
                // fluent-bit mounts /var/lib/docker/containers, which a host without Docker lacks.
                if (!Files.exists(source)) mkdirs(source);
            } else if (v.getEmptyDir() != null) {
                source = podDir.resolve(DIR).resolve(v.getName());
                mkdirs(source);
                try {
                    Files.setPosixFilePermissions(
                            source, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                    if (plan.fsGroup() != null) {
                        FsGroupOwnership.apply(
                                source,
                                plan.fsGroup(),
                                Boolean.TRUE.equals(vm.getReadOnly()),
                                plan.fsGroupOnRootMismatch());
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    throw new Failure("cannot set the ownership of emptyDir volume \"" + v.getName() + "\": " + e);
                }
            } else {
                throw new Failure("volume \"" + v.getName()
                        + "\": the process runtime supports hostPath, emptyDir, configMap, secret and projected volumes"
                        + " only");
            }
            if (vm.getSubPath() != null && !vm.getSubPath().isEmpty()) {
                if (vm.getSubPath().startsWith("/")
                        || Path.of(vm.getSubPath()).normalize().startsWith("..")) {
                    throw new Failure("subPath \"" + vm.getSubPath() + "\" of volume \"" + v.getName()
                            + "\" must be a relative path inside it");
                }
                source = source.resolve(vm.getSubPath());
                if (managed && !Files.exists(source)) {
                    throw new Failure(
                            "subPath \"" + vm.getSubPath() + "\" does not exist in volume \"" + v.getName() + "\"");
                }
                // A key of a configMap or secret is bound as the file it is now: later updates do not reach it.
                if (managed) source = toRealPath(source);
                if (!Files.exists(source)) mkdirs(source);
            }
            Path target = Path.of(vm.getMountPath());
            boolean readOnly = Boolean.TRUE.equals(vm.getReadOnly()) || managed;
            if (samePath(source, target)) {
                // The DaemonSet pattern (a hostPath at its own path) needs no mount; a readOnly one is
                // bound over itself read-only where mounts are possible. Without root nothing can make
                // it read-only, and it stays writable rather than keep the agent from starting.
                if ((readOnly || plan.readOnlyRoot()) && canMount) out.add(new Mount(source, target, readOnly));
                continue;
            }
            if (!canMount) {
                throw new Failure("cannot mount volume \"" + v.getName() + "\" at " + target
                        + ": bind mounts need root and unshare; mount it at its own path (" + source + ") instead");
            }
            boolean dir = Files.isDirectory(source);
            // The token volume's well-known path rarely exists on a node: its mount point is made,
            // as container runtimes make mount points (an empty directory, under /run on most hosts).
            if (dir && v.getProjected() != null && !Files.exists(target)) mkdirs(target);
            if (dir ? !Files.isDirectory(target) : !Files.isRegularFile(target)) {
                throw new Failure("cannot mount volume \"" + v.getName() + "\" at " + target + ": the node has no "
                        + (dir ? "directory" : "file")
                        + " there to mount over (the process runtime creates no mount points on the node)");
            }
            out.add(new Mount(source, target, readOnly));
        }
        return out;
    }

    private static Volume find(Pod pod, String name) {
        if (pod.getSpec().getVolumes() == null) return null;
        return pod.getSpec().getVolumes().stream()
                .filter(v -> name.equals(v.getName()))
                .findFirst()
                .orElse(null);
    }

    /** The kubelet's hostPath type check (pkg/volume/hostpath), with its messages. */
    public static Path hostPath(HostPathVolumeSource hp) throws Failure {
        Path p = Path.of(hp.getPath());
        String type = hp.getType() == null ? "" : hp.getType();
        switch (type) {
            case "" -> {}
            case "DirectoryOrCreate" -> {
                if (!Files.exists(p)) mkdirs(p);
                else if (!Files.isDirectory(p)) throw typeCheck(p + " is not a directory");
            }
            case "Directory" -> {
                if (!Files.isDirectory(p)) throw typeCheck(p + " is not a directory");
            }
            case "FileOrCreate" -> {
                if (!Files.exists(p)) {
                    try {
                        Files.createDirectories(p.toAbsolutePath().getParent());
                        Files.createFile(p);
                    } catch (IOException e) {
                        throw new Failure("cannot create file " + p + ": " + e);
                    }
                } else if (!Files.isRegularFile(p)) {
                    throw typeCheck(p + " is not a file");
                }
            }
            case "File" -> {
                if (!Files.isRegularFile(p)) throw typeCheck(p + " is not a file");
            }
            case "Socket" -> {
                if (mode(p) != S_IFSOCK) throw typeCheck(p + " is not a socket file");
            }
            case "CharDevice" -> {
                if (mode(p) != S_IFCHR) throw typeCheck(p + " is not a character device");
            }
            case "BlockDevice" -> {
                if (mode(p) != S_IFBLK) throw typeCheck(p + " is not a block device");
            }
            default -> throw new Failure("hostPath type check failed: unknown type \"" + type + "\" for " + p);
        }
        return p;
    }

    private static Failure typeCheck(String what) {
        return new Failure("hostPath type check failed: " + what);
    }

    private static int mode(Path p) {
        try {
            return ((Integer) Files.getAttribute(p, "unix:mode")) & S_IFMT;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Path toRealPath(Path p) throws Failure {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new Failure("cannot resolve " + p + ": " + e);
        }
    }

    private static void mkdirs(Path p) throws Failure {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new Failure("cannot create directory " + p + ": " + e);
        }
    }

    private static boolean samePath(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
