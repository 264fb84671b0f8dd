/**
 * Container log files in the CRI log format, as containerd and CRI-O write them under
 * {@code /var/log/pods}: one line per entry, {@code <timestamp> <stdout|stderr> <P|F> <content>}.
 * {@code P} marks a piece of a line that goes on in the next entry of the same stream (the line
 * was longer than the pump's buffer, or its end had not been written yet); {@code F} the last
 * piece of a line, whose newline the file line's own newline stands for.
 *
 * <p>Writing: {@link io.everynode.agent.crilog.LogPump} reads a container instance's stdout and
 * stderr from two FIFOs its supervisor holds and appends stamped entries to the instance's log
 * file (docs/containers.md, "Logs"). Reading: {@link io.everynode.agent.crilog.CriEntry#parse}
 * and {@link io.everynode.agent.crilog.CriLines} turn a file's bytes back into entries; a line that
 * is not in the format (a file written before it) reads as a whole stdout line with no time.
 */
package io.everynode.agent.crilog;
