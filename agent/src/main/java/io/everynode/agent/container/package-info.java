/**
 * The container runtime ({@code --runtime container}): every pod a set of OCI containers run by
 * {@code runc} from bundles the agent writes, root filesystems overlaid from image layers, and a
 * network namespace of its own per pod (unless {@code hostNetwork}).
 *
 * <p>Two seams reach outside this package, both through the runtime's constructor:
 * {@link io.everynode.agent.container.ImageSource} (makes a container's image present, per its
 * pull policy, and answers its layers and config) and {@link io.everynode.agent.container.PodNetwork}
 * (a pod's network namespace and addresses, from the CNI plugins).
 *
 * <p>The runtime is {@code RuncRuntime} (docs/containers.md). Its parts, one job each:
 * {@code OciSpec} (config.json as a pure function of pod, container and image), {@code ImageUser}
 * (the uid and gid to run as), {@code PodVolumes} (volume sources and hostPort mappings),
 * {@code PodEtcFiles} (/etc/hosts, hostname, resolv.conf), {@code HostMounts} (overlay roots and
 * the pinned IPC namespace), {@code ContainerCgroups} (where runc puts a container's cgroup and
 * how an OOM kill is told), {@code Runc} (the runc command line and the per-instance
 * supervisor), {@code RuncPod} and {@code RuncSlot} (what the runtime holds, under its lock),
 * {@code PullTimer} (times a try at an image from what the image source tells, for the facts the
 * runtime reports to the agent's {@code ImagePullListener}).
 * Threading: one watcher thread per runtime, and a log pump's two reading threads per running
 * container ({@code crilog.LogPump}).
 */
package io.everynode.agent.container;
