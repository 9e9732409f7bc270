package clinic.devstack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.conditions.ArchConditions;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The layering every service keeps, as ArchUnit rules, written once and applied to each service by its
 * {@code *ArchitectureTest} with the service's base package ({@code clinic.complaint}, {@code clinic.refund},
 * {@code clinic.followup}). A service's packages: {@code domain} (deciders, commands, events: plain Java),
 * {@code application} (services over the event store), {@code projection} (read models), {@code api} (HTTP),
 * {@code messaging} (Kafka consumers), {@code config}.
 *
 * <p>ArchUnit reads byte code: a {@code static final} constant of another class (an event type's name, say) is inlined
 * by javac and leaves no dependency behind, so a rule cannot see it.
 *
 * <p>ArchUnit is a {@code provided} dependency here: the services' tests bring it themselves (archunit-junit6).
 */
public final class LayeringRules {

    /** Frameworks the domain does not use: it is plain Java, {@code clinic.calendar} and its own packages. */
    static final String[] FRAMEWORKS = {
            "jakarta..", "javax..", "io.quarkus..", "io.smallrye..", "org.eclipse.microprofile..",
            "com.fasterxml.jackson..", "org.hibernate..", "org.apache.kafka..", "io.vertx..", "org.jboss..",
    };

    private LayeringRules() {
    }

    /**
     * A dependency a rule lets pass for now, named with the issue that is to remove it: from {@code origin} (a class,
     * with its nested classes) to {@code target} (a class, with its nested classes), both fully qualified.
     */
    public record Known(String origin, String target, String issue) {

        boolean matches(Dependency dependency) {
            return within(dependency.getOriginClass(), origin)
                    && within(dependency.getTargetClass().getBaseComponentType(), target);
        }

        private static boolean within(JavaClass javaClass, String topLevel) {
            String name = javaClass.getName();
            return name.equals(topLevel) || name.startsWith(topLevel + "$");
        }

        @Override
        public String toString() {
            return origin + " -> " + target + " (" + issue + ")";
        }
    }

    /** (a) The domain depends on no framework: no CDI, JAX-RS, Jackson, Hibernate, Kafka, Vert.x, MicroProfile. */
    public static ArchRule domainUsesNoFramework(String base) {
        return noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("the domain is plain Java: deciders and their types are tested and reasoned about alone");
    }

    /** (b) Messaging does not use the HTTP layer: a Kafka consumer goes to the application, not through {@code api}. */
    public static ArchRule messagingDoesNotUseApi(String base, Known... known) {
        return noDependencies(base + ".messaging..", base + ".api..", known)
                .because("messaging and api are two adapters side by side over the application");
    }

    /**
     * (c) The read models do not use the application: the application (a service handling a command) updates and
     * reads its projections, so the dependency goes application -> projection only, and the two make no cycle.
     * (Which streams a read model is rebuilt from is the command pipeline's to know, not the projection's.)
     */
    public static ArchRule projectionDoesNotUseApplication(String base, Known... known) {
        return noDependencies(base + ".projection..", base + ".application..", known)
                .because("the application updates the projections; a projection calling back into it would be a cycle");
    }

    /** (d) The domain uses none of the layers around it. */
    public static ArchRule domainUsesNoOuterLayer(String base) {
        return noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        base + ".application..", base + ".api..", base + ".messaging..", base + ".projection..",
                        base + ".config..")
                .because("the domain is the centre: the layers around it depend on it, not the other way");
    }

    /** Classes in {@code from} depend on no class in {@code to}, except the {@code known} dependencies. */
    private static ArchRule noDependencies(String from, String to, Known... known) {
        List<Known> exceptions = List.of(known);
        DescribedPredicate<JavaClass> inTo = JavaClass.Predicates.resideInAPackage(to);
        String except = exceptions.isEmpty() ? ""
                : exceptions.stream().map(Known::toString).collect(Collectors.joining(", ", " (known, for now: ", ")"));
        DescribedPredicate<Dependency> allowed = DescribedPredicate.describe(
                "do not target a class in '" + to + "'" + except,
                d -> !inTo.test(d.getTargetClass().getBaseComponentType())
                        || exceptions.stream().anyMatch(k -> k.matches(d)));
        return classes().that().resideInAPackage(from).should(ArchConditions.onlyHaveDependenciesWhere(allowed));
    }
}
