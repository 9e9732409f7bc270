package clinic.devstack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clinic.devstack.LayeringRules.Known;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The rules find what they are for, in a fixture that breaks each of them ({@code clinic.devstack.layering}). */
class LayeringRulesTest {

    static final String BASE = "clinic.devstack.layering";
    static final JavaClasses FIXTURE = new ClassFileImporter().importPackages(BASE);

    @Test
    void aDomainUsingAFrameworkIsFound() {
        assertThatThrownBy(() -> LayeringRules.domainUsesNoFramework(BASE).check(FIXTURE))
                .hasMessageContaining("Decider.record").hasMessageContaining("org.apache.kafka");
    }

    @Test
    void aDomainUsingAnOuterLayerIsFound() {
        assertThatThrownBy(() -> LayeringRules.domainUsesNoOuterLayer(BASE).check(FIXTURE))
                .hasMessageContaining("Decider.service").hasMessageContaining(BASE + ".application.Service");
    }

    @Test
    void messagingUsingApiIsFoundUnlessKnown() {
        assertThatThrownBy(() -> LayeringRules.messagingDoesNotUseApi(BASE).check(FIXTURE))
                .hasMessageContaining(BASE + ".messaging.Consumer.consume").hasMessageContaining(BASE + ".api.Request");
        Known known = new Known(BASE + ".messaging.Consumer", BASE + ".api.Request", "#11");
        assertThatCode(() -> LayeringRules.messagingDoesNotUseApi(BASE, known).check(FIXTURE)).doesNotThrowAnyException();
    }

    @Test
    void aProjectionUsingTheApplicationIsFoundButNotTheOtherWay() {
        assertThatThrownBy(() -> LayeringRules.projectionDoesNotUseApplication(BASE).check(FIXTURE))
                .hasMessageContaining("Projection.service")
                .hasMessageNotContaining("Service.projection");
    }
}
