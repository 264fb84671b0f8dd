package io.everynode.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class GuideFileTest {
    @TempDir
    Path dir;

    @Test
    void aCheckoutWithNothingBesideItSkipsTheGuideTestsNamingTheFile() {
        Throwable t = catchThrowable(() -> new GuideFile(dir.resolve("main"), false).path());

        assertThat(t)
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("../shared/seed/guide-snippets.md")
                .hasMessageContaining(
                        dir.resolve("shared/seed/guide-snippets.md").toString())
                .hasMessageContaining("-Deverynode.requireGuide=true");
    }

    @Test
    void whenTheGuideIsRequiredItsAbsenceFailsTheTestNamingTheFile() {
        Throwable t = catchThrowable(() -> new GuideFile(dir.resolve("main"), true).path());

        assertThat(t)
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("../shared/seed/guide-snippets.md is required (everynode.requireGuide=true)");
    }

    @Test
    void aTestClassThatRequiresTheGuideIsDisabledWithTheReasonWhenItIsAbsent() {
        var result =
                new GuideCondition(() -> new GuideFile(dir.resolve("main"), false)).evaluateExecutionCondition(null);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason())
                .get()
                .asString()
                .startsWith("skipped: the guide's snippets ../shared/seed/guide-snippets.md");
    }

    @Test
    void aTestClassThatRequiresTheGuideRunsWhenTheGuideIsRequiredSoThatItsAbsenceFailsIt() {
        var result =
                new GuideCondition(() -> new GuideFile(dir.resolve("main"), true)).evaluateExecutionCondition(null);

        assertThat(result.isDisabled()).isFalse();
    }

    @Test
    void theSnippetsBesideTheCheckoutAreReadWhetherRequiredOrNot() throws Exception {
        Path file = Files.createDirectories(dir.resolve("shared/seed")).resolve("guide-snippets.md");
        Files.writeString(file, "## 1. Logging agents\n");
        Path checkout = Files.createDirectories(dir.resolve("main"));

        assertThat(new GuideFile(checkout, false).path()).isEqualTo(file);
        assertThat(new GuideFile(checkout, false).skipReason()).isEmpty();
        assertThat(new GuideFile(checkout, true).read()).isEqualTo("## 1. Logging agents\n");
    }
}
