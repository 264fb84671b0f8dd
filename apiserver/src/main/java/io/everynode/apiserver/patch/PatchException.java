package io.everynode.apiserver.patch;

/** TEMPORARY placeholder; replaced by the patch branch. */
public class PatchException extends RuntimeException {
    public PatchException(String message) {
        super(message);
    }
}
