package clinic.refund;

import clinic.refund.domain.RefundStep;
import clinic.devstack.OpenApiOperations;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every step the case can advertise ({@code allowedSteps}, X-Allowed-Steps: {@link RefundStep}'s names) is served:
 * the OpenAPI document has an operation with the step's operationId, a POST at the path its name says.
 */
@QuarkusTest
class RefundStepsServedTest {

    @Test
    void every_step_has_an_operation_with_its_operation_id_at_its_path() {
        Map<String, String> operations = OpenApiOperations.byOperationId(given().get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath().getMap("paths"));
        for (RefundStep step : RefundStep.values()) {
            assertThat(operations.get(step.operationId()))
                    .as("step '%s': operation %s", step.apiName(), step.operationId())
                    .isEqualTo("POST /refunds/{id}/" + step.apiName());
        }
    }
}
