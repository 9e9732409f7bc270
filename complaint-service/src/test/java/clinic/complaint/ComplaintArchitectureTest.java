package clinic.complaint;

import clinic.devstack.LayeringRules;
import clinic.devstack.LayeringRules.Known;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The service's layering (see {@link LayeringRules}), over its main classes. */
@AnalyzeClasses(packages = ComplaintArchitectureTest.BASE, importOptions = ImportOption.DoNotIncludeTests.class)
class ComplaintArchitectureTest {

    static final String BASE = "clinic.complaint";

    /**
     * Known, for now (issue #11): a branch system's complaint message carries the body of {@code POST /complaints},
     * so the consumer reads and validates it as the api's request record. Goes when the intake has its own type.
     */
    static final Known[] MESSAGING_USES_API = {
            new Known(BASE + ".messaging.BranchComplaintsConsumer", BASE + ".api.FileComplaintRequest", "#11"),
            new Known(BASE + ".messaging.BranchComplaintsConsumer", BASE + ".api.MoneyJson", "#11"),
    };

    @ArchTest
    static final ArchRule domainUsesNoFramework = LayeringRules.domainUsesNoFramework(BASE);

    @ArchTest
    static final ArchRule domainUsesNoOuterLayer = LayeringRules.domainUsesNoOuterLayer(BASE);

    @ArchTest
    static final ArchRule messagingDoesNotUseApi = LayeringRules.messagingDoesNotUseApi(BASE, MESSAGING_USES_API);

    @ArchTest
    static final ArchRule projectionDoesNotUseApplication = LayeringRules.projectionDoesNotUseApplication(BASE);
}
