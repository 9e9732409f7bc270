package clinic.refund;

import clinic.devstack.LayeringRules;
import clinic.devstack.LayeringRules.Known;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The service's layering (see {@link LayeringRules}), over its main classes. */
@AnalyzeClasses(packages = RefundArchitectureTest.BASE, importOptions = ImportOption.DoNotIncludeTests.class)
class RefundArchitectureTest {

    static final String BASE = "clinic.refund";

    /**
     * Known, for now (issue #11): a branch system's order and usage messages carry the bodies of
     * {@code POST /purchases} and its usage, so the consumer reads and validates them as the api's request records
     * (and turns them into commands with their {@code toCommand}). Goes when the intake has its own types.
     */
    static final Known[] MESSAGING_USES_API = {
            new Known(BASE + ".messaging.BranchPurchasesConsumer", BASE + ".api.PurchaseRequest", "#11"),
            new Known(BASE + ".messaging.BranchPurchasesConsumer", BASE + ".api.UsageRequest", "#11"),
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
