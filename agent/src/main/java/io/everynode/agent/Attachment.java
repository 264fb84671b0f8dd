package io.everynode.agent;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code kubectl attach} reaches of a running container ({@link ContainerRuntime#attach}):
 * the FIFO its standard input reads, when it has one, and the process that holds its terminal,
 * when it has one. Its output is not here: attach follows the container's log (package
 * {@code logs}), as {@code kubectl logs -f --tail=0} does.
 *
 * @param stdin the container's stdin FIFO (held open read-write by its supervisor, so writing
 *     never blocks while the container runs and the container never sees end of input); empty
 *     when the container does not have {@code stdin: true}
 * @param terminalHolder the supervisor process under which the container's terminal is made
 *     ({@link TerminalExec#resizeBelow}); empty when the container does not have
 *     {@code tty: true} with {@code stdin: true}, or its supervisor is not this JVM's to see
 */
public record Attachment(Optional<Path> stdin, Optional<ProcessHandle> terminalHolder) {
    /** Sets the container's terminal to {@code columns}×{@code rows}; false without a terminal. */
    public boolean resize(int columns, int rows) {
        return terminalHolder.isPresent() && TerminalExec.resizeBelow(terminalHolder.get(), columns, rows);
    }
}
