package io.everynode.images;

/** An image reference that Docker's grammar rejects; the message is for a person. */
public final class InvalidImageName extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidImageName(String message) {
        super(message);
    }
}
