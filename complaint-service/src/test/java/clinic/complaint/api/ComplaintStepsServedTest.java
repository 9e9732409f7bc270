package clinic.complaint.api;

import clinic.complaint.domain.ComplaintStep;
import clinic.devstack.OpenApiOperations;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every step the case can advertise ({@code allowedSteps}, X-Allowed-Steps: {@link ComplaintStep}'s names) is served:
 * the OpenAPI document has an operation with the step's operationId, a POST at the path its name says.
 */
@QuarkusTest
class ComplaintStepsServedTest {

    @Test
    void every_step_has_an_operation_with_its_operation_id_at_its_path() {
        Map<String, String> operations = OpenApiOperations.byOperationId(given().get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath().getMap("paths"));
        for (ComplaintStep step : ComplaintStep.values()) {
            String expected = step == ComplaintStep.FILE ? "POST /complaints" : "POST /complaints/{id}/" + step.apiName();
            assertThat(operations.get(step.operationId()))
                    .as("step '%s': operation %s", step.apiName(), step.operationId())
                    .isEqualTo(expected);
        }
    }
}
