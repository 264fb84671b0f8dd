package io.everynode.agent.join;

/**
 * A join that cannot go on: the message is one line a person acts on (kubeadm's words where it
 * has them), and nothing has been written when it is thrown.
 */
public final class JoinFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JoinFailure(String message) {
        super(message);
    }

    public JoinFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
