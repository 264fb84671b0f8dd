package io.everynode.cli.layering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The module order of design.md as ArchUnit rules on main code: a module's packages may use only
 * the modules listed before it, and the modules the client stack rests on (api, client,
 * controllers, agent, advisor) never touch the server's machinery (the store's SQLite driver). Each
 * module's root package is {@code io.everynode.<module>}.
 */
final class ModuleLayers {
    /** Bottom first; testkit is test scope only and stays out. */
    static final List<String> ORDER = List.of(
            "api", "store", "apiserver", "client", "controllers", "controlplane", "images", "agent", "advisor", "cli");

    /** What each module may use besides itself; anything else above it in ORDER is a violation. */
    static final java.util.Map<String, List<String>> USES = java.util.Map.of(
            "api", List.of(),
            "store", List.of("api"),
            "apiserver", List.of("api", "store"),
            "client", List.of("api"),
            "controllers", List.of("api", "client"),
            "controlplane", List.of("api", "store", "apiserver", "client", "controllers"),
            "images", List.of(),
            "agent", List.of("api", "client", "images"),
            "advisor", List.of("api", "client", "controllers"),
            "cli", ORDER);

    private ModuleLayers() {}

    static String pkg(String module) {
        return "io.everynode." + module + "..";
    }

    /** One rule per module: its classes depend on no other module's classes but those it may use. */
    static ArchRule rule() {
        List<ArchRule> rules = new ArrayList<>();
        for (String module : ORDER) {
            List<String> banned = ORDER.stream()
                    .filter(m -> !m.equals(module) && !USES.get(module).contains(m))
                    .map(ModuleLayers::pkg)
                    .toList();
            if (banned.isEmpty()) continue;
            rules.add(noClasses()
                    .that()
                    .resideInAPackage(pkg(module))
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(banned.toArray(String[]::new))
                    .because(module + " may use only " + USES.get(module) + " (design.md, layering)")
                    .allowEmptyShould(true));
        }
        rules.add(noClasses()
                .that()
                .resideInAnyPackage(
                        pkg("api"), pkg("client"), pkg("controllers"), pkg("images"), pkg("agent"), pkg("advisor"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.sqlite..")
                .because("SQLite is the store's business")
                .allowEmptyShould(true));
        return CompositeArchRule.of(rules);
    }
}
