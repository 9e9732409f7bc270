package clinic.hq;

import clinic.devstack.LayeringRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The service's layering (see {@link LayeringRules}), over its main classes. */
@AnalyzeClasses(packages = HqArchitectureTest.BASE, importOptions = ImportOption.DoNotIncludeTests.class)
class HqArchitectureTest {

    static final String BASE = "clinic.hq";

    @ArchTest
    static final ArchRule domainUsesNoFramework = LayeringRules.domainUsesNoFramework(BASE);

    @ArchTest
    static final ArchRule domainUsesNoOuterLayer = LayeringRules.domainUsesNoOuterLayer(BASE);

    @ArchTest
    static final ArchRule messagingDoesNotUseApi = LayeringRules.messagingDoesNotUseApi(BASE);

    @ArchTest
    static final ArchRule projectionDoesNotUseApplication = LayeringRules.projectionDoesNotUseApplication(BASE);
}
