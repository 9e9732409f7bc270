package clinic.followup;

import clinic.followup.domain.FollowUpStep;
import clinic.followup.domain.SurveyStep;
import clinic.devstack.OpenApiOperations;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every step a task can advertise ({@code allowedSteps}: {@link FollowUpStep}'s names) is served: the OpenAPI document
 * has an operation with the step's operationId, a POST at the path its name says; and the survey's answer is the
 * survey page's form.
 */
@QuarkusTest
class FollowUpStepsServedTest {

    @Test
    void every_step_has_an_operation_with_its_operation_id_at_its_path() {
        Map<String, String> operations = OpenApiOperations.byOperationId(given().get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath().getMap("paths"));
        for (FollowUpStep step : FollowUpStep.values()) {
            assertThat(operations.get(step.operationId()))
                    .as("step '%s': operation %s", step.apiName(), step.operationId())
                    .isEqualTo("POST /followups/{id}/" + step.apiName());
        }
        for (SurveyStep step : SurveyStep.values()) {
            assertThat(operations.get(step.operationId()))
                    .as("survey step '%s': operation %s", step.apiName(), step.operationId())
                    .isEqualTo("POST /surveys/{token}");
        }
    }
}
