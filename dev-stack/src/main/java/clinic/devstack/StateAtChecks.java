package clinic.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * What every aggregate's read "as of a version or a moment" must answer, checked the same way for each (the complaint,
 * the refund case, the order, the task, the survey): for every version, the body the first events fold to, with that
 * version as ETag; at a moment between two recorded events, the state after the earlier; before the stream began, and
 * past its last version, the aggregate's not-found; a version or moment that is not one, a 400 naming the parameter.
 */
public final class StateAtChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body the aggregate's first {@code version} events fold to, mapped as the resource maps a state. */
    @FunctionalInterface
    public interface Folded {
        JsonNode at(int version) throws Exception;
    }

    private StateAtChecks() {
    }

    /**
     * @param request  a request as the reader sends it (its token, and the query that names the aggregate if any)
     * @param path     the aggregate's read, e.g. {@code /refunds/<id>}
     * @param recorded when each of the stream's events was recorded, in order
     * @param notFound the aggregate's not-found problem type, e.g. {@code refund-not-found}
     */
    public static void check(Supplier<RequestSpecification> request, String path, List<Instant> recorded,
                             Folded folded, String notFound) throws Exception {
        int last = recorded.size();
        for (int v = 1; v <= last; v++) {
            Response at = request.get().queryParam("version", v).get(path);
            at.then().statusCode(200).header("ETag", "\"" + v + "\"");
            assertThat(json(at)).as("version %d of %d", v, last).isEqualTo(folded.at(v));
        }
        assertThat(json(request.get().get(path))).as("the last version is the state now").isEqualTo(folded.at(last));

        int k = boundary(recorded);
        Instant between = recorded.get(k - 1).plus(Duration.between(recorded.get(k - 1), recorded.get(k)).dividedBy(2))
                .truncatedTo(ChronoUnit.MICROS);
        Response asOf = request.get().queryParam("asOf", between.toString()).get(path);
        asOf.then().statusCode(200).header("ETag", "\"" + k + "\"");
        assertThat(json(asOf)).as("between versions %d and %d", k, k + 1).isEqualTo(folded.at(k));
        request.get().queryParam("asOf", recorded.getFirst().minus(Duration.ofMillis(1)).toString()).get(path).then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:clinic:problem:" + notFound));

        for (String bad : List.of("0", "abc", "-1", "1.5", "9999999999")) {
            request.get().queryParam("version", bad).get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("version"));
        }
        for (String past : List.of(String.valueOf(last + 1), "99999")) {
            request.get().queryParam("version", past).get(path).then().statusCode(404)
                    .contentType("application/problem+json").body("type", equalTo("urn:clinic:problem:" + notFound));
        }
        for (String bad : List.of("yesterday", "2026-03-02", "1899-12-31T23:59:59Z")) {
            request.get().queryParam("asOf", bad).get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("asOf"));
        }
    }

    /** A version {@code k} from the middle of the stream, recorded strictly before version {@code k + 1}. */
    private static int boundary(List<Instant> recorded) {
        for (int k = Math.max(1, recorded.size() / 2); k < recorded.size(); k++) {
            if (recorded.get(k - 1).isBefore(recorded.get(k))) {
                return k;
            }
        }
        throw new AssertionError("no two events recorded at different moments");
    }

    private static JsonNode json(Response response) throws Exception {
        return JSON.readTree(response.asString());
    }
}
