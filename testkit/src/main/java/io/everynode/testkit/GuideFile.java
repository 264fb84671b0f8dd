package io.everynode.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the tests that prove the guide's YAML works exactly as written find the guide's code
 * blocks: {@value #RELATIVE}, beside the checkout and not in it (the guide is not the project's
 * text). A fresh clone has nothing beside it, so there these tests are skipped with a message
 * naming the file; with {@value #REQUIRE_PROPERTY}{@code =true} (what {@code .ci/run} passes) its
 * absence fails them instead, so CI always runs them. Every other test uses the project's own
 * manifests in {@code examples/}.
 *
 * <p>Immutable; the only reader of anything outside the repository.
 */
public final class GuideFile {
    /** The snippets file, relative to the checkout's root. */
    public static final String RELATIVE = "../shared/seed/guide-snippets.md";
    /** The system property that turns a skip into a failure. */
    public static final String REQUIRE_PROPERTY = "everynode.requireGuide";

    private final Path checkout;
    private final boolean required;

    public GuideFile(Path checkout, boolean required) {
        this.checkout = checkout;
        this.required = required;
    }

    /**
     * The file for this test JVM: the checkout is the {@code everynode.root} system property (set
     * by the parent pom; a module's parent directory otherwise), and {@value #REQUIRE_PROPERTY}
     * says whether the file must be there.
     */
    public static GuideFile forThisRun() {
        String root = System.getProperty("everynode.root", System.getProperty("user.dir") + "/..");
        return new GuideFile(Path.of(root), Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false")));
    }

    /**
     * Why the guide-as-written tests are skipped in this run: the file is absent and not
     * required. Empty when the file is there, or when it is required (the tests then run and fail
     * on reading it, naming it).
     */
    public Optional<String> skipReason() {
        Path p = file();
        if (required || Files.isRegularFile(p)) return Optional.empty();
        return Optional.of("skipped: the guide's snippets " + RELATIVE + " are not beside this checkout (no file " + p
                + "); these tests prove the guide's YAML works as written and run where the guide is "
                + "(CI passes -D" + REQUIRE_PROPERTY + "=true to make its absence a failure)");
    }

    /**
     * The snippets file's path; when it is absent, aborts the calling test (skipped) or, when
     * required, fails it, in both cases with a message that names the file.
     */
    public Path path() {
        Path p = file();
        if (Files.isRegularFile(p)) return p;
        Optional<String> skip = skipReason();
        if (skip.isPresent()) Assumptions.abort(skip.get());
        return Assertions.fail(
                RELATIVE + " is required (" + REQUIRE_PROPERTY + "=true) but is not beside the checkout: " + "no file "
                        + p + ". The tests that prove the guide's YAML works as written read it.");
    }

    private Path file() {
        return checkout.toAbsolutePath().resolve(RELATIVE).normalize();
    }

    /** The snippets file's text (skips or fails as {@link #path()} does when it is absent). */
    public String read() {
        try {
            return Files.readString(path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
