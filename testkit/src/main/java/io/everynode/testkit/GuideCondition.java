package io.everynode.testkit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link RequiresGuide}: disabled, with the reason, when this run skips the
 * guide ({@link GuideFile#skipReason()}); enabled otherwise. Stateless apart from its seam.
 */
public final class GuideCondition implements ExecutionCondition {
    private final Supplier<GuideFile> guide;

    /** The condition JUnit instantiates: this run's guide file. */
    public GuideCondition() {
        this(GuideFile::forThisRun);
    }

    GuideCondition(Supplier<GuideFile> guide) {
        this.guide = guide;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return guide.get()
                .skipReason()
                .map(ConditionEvaluationResult::disabled)
                .orElseGet(() ->
                        ConditionEvaluationResult.enabled("the guide's snippets are beside the checkout, or required"));
    }
}
