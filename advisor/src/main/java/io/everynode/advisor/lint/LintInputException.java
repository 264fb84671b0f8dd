package io.everynode.advisor.lint;

/**
 * Input lint cannot read: a missing or unreadable file, YAML that does not parse (the message
 * names the file and line), a document that is not an object, fields of the wrong type.
 * {@code everynode lint} exits 2 on it.
 */
public final class LintInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public LintInputException(String message) {
        super(message);
    }

    public LintInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
