package io.everynode.agent.container;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The uid and gid a container's process runs as, as containerd resolves them: runAsUser and
 * runAsGroup (the container's over the pod's) win; otherwise the image's User, {@code uid[:gid]}
 * or a name looked up in the image's {@code /etc/passwd} and {@code /etc/group} (highest layer
 * first); a uid without a group takes the group /etc/passwd gives it, else 0.
 */
record ImageUser(long uid, long gid) {

    /** @throws IllegalArgumentException when the image's User names a user or group the image does not have */
    static ImageUser of(Pod pod, Container c, PreparedImage image) {
        Long runAsUser = null;
        Long runAsGroup = null;
        var psc = pod.getSpec().getSecurityContext();
        if (psc != null) {
            runAsUser = psc.getRunAsUser();
            runAsGroup = psc.getRunAsGroup();
        }
        var sc = c.getSecurityContext();
        if (sc != null) {
            if (sc.getRunAsUser() != null) runAsUser = sc.getRunAsUser();
            if (sc.getRunAsGroup() != null) runAsGroup = sc.getRunAsGroup();
        }
        String user = image.user();
        String userPart = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        String groupPart = user.contains(":") ? user.substring(user.indexOf(':') + 1) : "";
        long uid = runAsUser != null ? runAsUser : userPart.isEmpty() ? 0 : id(userPart, "passwd", image.layers());
        Long gid = runAsGroup;
        if (gid == null && !groupPart.isEmpty()) gid = id(groupPart, "group", image.layers());
        if (gid == null) gid = primaryGroup(uid, image.layers());
        return new ImageUser(uid, gid);
    }

    private static long id(String nameOrId, String file, List<Path> layers) {
        if (nameOrId.chars().allMatch(Character::isDigit)) return Long.parseLong(nameOrId);
        for (String[] f : entries(file, layers)) {
            if (f.length > 2 && f[0].equals(nameOrId)) return Long.parseLong(f[2]);
        }
        throw new IllegalArgumentException("the image's user or group \"" + nameOrId + "\" is not in its /etc/" + file);
    }

    private static long primaryGroup(long uid, List<Path> layers) {
        for (String[] f : entries("passwd", layers)) {
            if (f.length > 3 && f[2].equals(Long.toString(uid))) {
                try {
                    return Long.parseLong(f[3]);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** The lines of {@code /etc/<file>} of the highest layer that has one, split at ':'. */
    private static List<String[]> entries(String file, List<Path> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            Path p = layers.get(i).resolve("etc").resolve(file);
            if (!Files.isRegularFile(p)) continue;
            try {
                return Files.readAllLines(p).stream().map(l -> l.split(":")).toList();
            } catch (IOException e) {
                return List.of();
            }
        }
        return List.of();
    }
}
