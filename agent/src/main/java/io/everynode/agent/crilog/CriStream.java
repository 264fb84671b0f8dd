package io.everynode.agent.crilog;

/** The stream an entry came from, named as the CRI log format names it. */
public enum CriStream {
    STDOUT("stdout"),
    STDERR("stderr");

    private final String word;

    CriStream(String word) {
        this.word = word;
    }

    /** {@code stdout} or {@code stderr}. */
    public String word() {
        return word;
    }
}
