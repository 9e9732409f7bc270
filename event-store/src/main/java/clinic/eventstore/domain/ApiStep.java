package clinic.eventstore.domain;

import java.util.List;

/**
 * A step a user takes on an aggregate through the API (each service's {@code *Step} enum): its name in the API
 * ({@code allowedSteps}, X-Allowed-Steps, refusals; the last segment of its path) and the {@code operationId} of the
 * operation that takes it in the OpenAPI document.
 */
public interface ApiStep {

    String apiName();

    String operationId();

    /** The steps' API names, in order: what {@code allowedSteps} answers. */
    static List<String> names(List<? extends ApiStep> steps) {
        return steps.stream().map(ApiStep::apiName).toList();
    }
}
