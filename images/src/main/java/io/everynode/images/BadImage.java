package io.everynode.images;

/** Image content that cannot be used: a malformed manifest or config, a digest that does not match, a bad archive. */
public class BadImage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadImage(String message) {
        super(message);
    }

    public BadImage(String message, Throwable cause) {
        super(message, cause);
    }
}
