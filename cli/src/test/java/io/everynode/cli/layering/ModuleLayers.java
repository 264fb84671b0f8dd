package io.everynode.cli.layering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The module order of design.md as ArchUnit rules on main code: a module's packages may use only
 * the modules listed before it, and the modules the client stack rests on (api, client,
 * controllers, agent, advisor, dashboard) never touch the server's machinery (the store's SQLite driver). Each
 * module's root package is {@code io.everynode.<module>}.
 */
final class ModuleLayers {
    /** Bottom first; testkit is test scope only and stays out. */
    static final List<String> ORDER = List.of(
            "api",
            "store",
            "apiserver",
            "client",
            "controllers",
            "controlplane",
            "images",
            "agent",
            "advisor",
            "dashboard",
            "cli");

    /** What each module may use besides itself; anything else above it in ORDER is a violation. */
    static final java.util.Map<String, List<String>> USES = java.util.Map.ofEntries(
            java.util.Map.entry("api", List.of()),
            java.util.Map.entry("store", List.of("api")),
            java.util.Map.entry("apiserver", List.of("api", "store")),
            java.util.Map.entry("client", List.of("api")),
            java.util.Map.entry("controllers", List.of("api", "client")),
            java.util.Map.entry("controlplane", List.of("api", "store", "apiserver", "client", "controllers")),
            java.util.Map.entry("images", List.of()),
            java.util.Map.entry("agent", List.of("api", "client", "images")),
            java.util.Map.entry("advisor", List.of("api", "client", "controllers")),
            // the HTTP front's extension point (apiserver.http.FrontExtension) and nothing else of the server's
            java.util.Map.entry("dashboard", List.of("api", "apiserver", "client", "controllers", "advisor")),
            java.util.Map.entry("cli", ORDER));

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
                        pkg("api"),
                        pkg("client"),
                        pkg("controllers"),
                        pkg("images"),
                        pkg("agent"),
                        pkg("advisor"),
                        pkg("dashboard"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.sqlite..")
                .because("SQLite is the store's business")
                .allowEmptyShould(true));
        return CompositeArchRule.of(rules);
    }
}
