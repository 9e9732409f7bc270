package clinic.eventstore.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The problem responses every service's OpenAPI document gets by rule, and the Problem schema they point to. */
class ProblemResponsesTest {

    @Test
    void a_step_on_a_case_documents_every_refusal_a_read_the_404_a_list_the_400() {
        Operation step = operation(path("id", true), header(CommandHeaders.IF_MATCH)).requestBody(body());
        Operation stepWithoutBody = operation(path("id", true), header(CommandHeaders.IF_MATCH));
        Operation read = operation(path("id", true));
        Operation list = operation(query("status"));
        Operation create = operation(header(CommandHeaders.CORRELATION_ID)).requestBody(body());
        Operation byReference = operation(constrainedPath("ref"));
        Operation rebuild = operation();
        OpenAPI doc = document(
                "/cases/{id}/resolve", OASFactory.createPathItem().POST(step),
                "/cases/{id}/close", OASFactory.createPathItem().POST(stepWithoutBody),
                "/cases/{id}", OASFactory.createPathItem().GET(read),
                "/cases", OASFactory.createPathItem().GET(list).POST(create),
                "/customers/{ref}", OASFactory.createPathItem().DELETE(byReference),
                "/cases/read-model/rebuild", OASFactory.createPathItem().POST(rebuild));

        new ProblemResponses().filterOpenAPI(doc);

        assertThat(statuses(step)).containsExactly("200", "400", "404", "409", "412", "415", "422");
        assertThat(statuses(stepWithoutBody)).containsExactly("200", "400", "404", "409", "412", "422");
        assertThat(statuses(read)).containsExactly("200", "404");
        assertThat(statuses(list)).containsExactly("200", "400");
        assertThat(statuses(create)).containsExactly("200", "400", "415");
        assertThat(statuses(byReference)).containsExactly("200", "400");
        assertThat(statuses(rebuild)).containsExactly("200");
        assertThat(step.getResponses().getAPIResponse("412").getRef()).isEqualTo("#/components/responses/PreconditionFailed");
        assertThat(doc.getComponents().getResponses().get("Conflict").getContent().getMediaType(Problem.MEDIA_TYPE)
                .getSchema().getRef()).isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void what_an_operation_documents_itself_is_kept_a_bare_400_gets_problem_details_and_html_pages_are_left_alone() {
        Operation own = operation(path("id", true));
        own.getResponses().addAPIResponse("404", OASFactory.createAPIResponse().description("no such order")
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType())));
        Operation bare = operation(query("q"));
        bare.getResponses().addAPIResponse("400", OASFactory.createAPIResponse().description("Bad Request"));
        Operation page = operation(query("lang"));
        page.getResponses().addAPIResponse("404", OASFactory.createAPIResponse().description("no such survey")
                .content(OASFactory.createContent().addMediaType("text/html", OASFactory.createMediaType())));
        OpenAPI doc = document("/orders/{id}", OASFactory.createPathItem().GET(own),
                "/search", OASFactory.createPathItem().GET(bare),
                "/surveys/{token}", OASFactory.createPathItem().GET(page));

        new ProblemResponses().filterOpenAPI(doc);

        assertThat(own.getResponses().getAPIResponse("404").getDescription()).isEqualTo("no such order");
        assertThat(bare.getResponses().getAPIResponse("400").getRef()).isEqualTo("#/components/responses/BadRequest");
        assertThat(statuses(page)).containsExactly("200", "404");
        // only the shared responses some operation uses
        assertThat(doc.getComponents().getResponses()).containsOnlyKeys("BadRequest");
    }

    @Test
    void the_problem_schema_names_every_member_of_the_problem_record() {
        OpenAPI doc = document();
        new ProblemResponses().filterOpenAPI(doc);

        assertThat(doc.getComponents().getSchemas().get("Problem").getProperties().keySet())
                .containsExactlyInAnyOrderElementsOf(members(Problem.class));
        assertThat(doc.getComponents().getSchemas().get("FieldError").getProperties().keySet())
                .containsExactlyInAnyOrderElementsOf(members(Problem.FieldError.class));
    }

    @Test
    void an_operation_that_needs_a_token_documents_401_and_403_and_a_public_one_does_not() {
        Operation secured = operation(path("id", true)).security(List.of(OASFactory.createSecurityRequirement()
                .addScheme("bearer", List.of("branch-staff"))));
        Operation open = operation(path("id", true));
        OpenAPI doc = document("/cases/{id}", OASFactory.createPathItem().GET(secured),
                "/open/{id}", OASFactory.createPathItem().GET(open));

        new ProblemResponses().filterOpenAPI(doc);

        assertThat(statuses(secured)).containsExactly("200", "401", "403", "404");
        assertThat(secured.getResponses().getAPIResponse("401").getRef()).endsWith("/Unauthorized");
        assertThat(statuses(open)).containsExactly("200", "404");
        assertThat(open.getSecurity()).as("open to anyone, and said so").isEmpty();
    }

    private static List<String> members(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList();
    }

    /** A document with these paths, and a UUID the way SmallRye writes it: a schema of its own, with a pattern. */
    private static OpenAPI document(Object... pathsAndItems) {
        var paths = OASFactory.createPaths();
        for (int i = 0; i < pathsAndItems.length; i += 2) {
            paths.addPathItem((String) pathsAndItems[i], (org.eclipse.microprofile.openapi.models.PathItem) pathsAndItems[i + 1]);
        }
        return OASFactory.createOpenAPI().paths(paths).components(OASFactory.createComponents().addSchema("UUID",
                OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid").pattern("[a-fA-F0-9-]{36}")));
    }

    private static Operation operation(Parameter... parameters) {
        return OASFactory.createOperation().parameters(parameters.length == 0 ? null : List.of(parameters))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200",
                        OASFactory.createAPIResponse().description("OK")));
    }

    private static List<String> statuses(Operation operation) {
        return List.copyOf(operation.getResponses().getAPIResponses().keySet());
    }

    private static Parameter path(String name, boolean uuid) {
        return OASFactory.createParameter().name(name).in(Parameter.In.PATH).required(true)
                .schema(uuid ? OASFactory.createSchema().ref("UUID") : OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static Parameter constrainedPath(String name) {
        return OASFactory.createParameter().name(name).in(Parameter.In.PATH).required(true)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(64));
    }

    private static Parameter query(String name) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static Parameter header(String name) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static org.eclipse.microprofile.openapi.models.parameters.RequestBody body() {
        return OASFactory.createRequestBody().content(OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType()));
    }
}
