package io.everynode.testkit.etcd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A JVM that starts a one-member etcd cluster under {@code args[0]}, prints {@code member PID URL}
 * and holds it until its standard input ends: the stand-in for a test fork that
 * {@link EtcdMemberDiesWithItsJvmIT} kills with SIGKILL.
 */
public final class EtcdHolderMain {
    private EtcdHolderMain() {}

    public static void main(String[] args) throws IOException {
        EtcdCluster cluster = EtcdCluster.start(Path.of(args[0]), 1);
        System.out.println(
                "member " + cluster.member(0).pid() + " " + cluster.member(0).clientUrl());
        System.out.flush();
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // holds the cluster; a closed stdin means the test is done with this JVM
            }
        } finally {
            cluster.close();
        }
    }
}
