package io.everynode.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that proves the guide's YAML works as written: where the guide's snippets
 * are not beside the checkout the whole class is disabled, before any {@code @BeforeAll} starts a
 * cluster, with {@link GuideFile#skipReason()} as the reason the report shows. When the guide is
 * required ({@value GuideFile#REQUIRE_PROPERTY}{@code =true}) the class runs and fails on reading
 * the absent file.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(GuideCondition.class)
public @interface RequiresGuide {}
