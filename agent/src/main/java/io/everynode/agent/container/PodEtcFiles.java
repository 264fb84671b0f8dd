package io.everynode.agent.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files the kubelet provides every container of a pod: {@code hosts} (localhost and the
 * pod's own name at its IP; a hostNetwork pod gets the node's), {@code hostname} and
 * {@code resolv.conf} (the node's; there is no cluster DNS to point at).
 */
final class PodEtcFiles {
    private PodEtcFiles() {}

    static void write(Path dir, String podName, String podIP, boolean hostNetwork) throws IOException {
        Files.createDirectories(dir);
        String hosts;
        String hostname;
        if (hostNetwork) {
            hosts = readOr(Path.of("/etc/hosts"), "127.0.0.1\tlocalhost\n");
            hostname = readOr(Path.of("/etc/hostname"), podName + "\n");
        } else {
            hosts = "# Kubernetes-managed hosts file.\n"
                    + "127.0.0.1\tlocalhost\n"
                    + "::1\tlocalhost ip6-localhost ip6-loopback\n"
                    + "fe00::0\tip6-localnet\n"
                    + "fe00::0\tip6-mcastprefix\n"
                    + "fe00::1\tip6-allnodes\n"
                    + "fe00::2\tip6-allrouters\n"
                    + podIP + "\t" + podName + "\n";
            hostname = podName + "\n";
        }
        Files.writeString(dir.resolve("hosts"), hosts);
        Files.writeString(dir.resolve("hostname"), hostname);
        Files.writeString(dir.resolve("resolv.conf"), readOr(Path.of("/etc/resolv.conf"), ""));
    }

    private static String readOr(Path p, String otherwise) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return otherwise;
        }
    }
}
