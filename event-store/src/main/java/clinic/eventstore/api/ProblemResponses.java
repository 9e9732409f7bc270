package clinic.eventstore.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every service's OpenAPI document says how its operations refuse a request: problem details ({@link Problem}) with
 * the statuses that apply, by rule, so that no resource repeats them. Registered for every service by event-store's
 * {@code META-INF/microprofile-config.properties} ({@code mp.openapi.filter}); runs when the document is stored at
 * build time and when a service starts.
 *
 * <p>The rules, from what the operation takes (an operation may document more itself, with
 * {@code @APIResponse(responseCode = "422", ref = "UnprocessableContent")}; what it documents is kept):
 * <ul>
 *   <li>400: a body, a query or header parameter, or a path parameter with a pattern or a length limit (but a
 *       UUID);</li>
 *   <li>404: a UUID in the path (an id that names nothing here);</li>
 *   <li>409 and 422: a POST, PUT, PATCH or DELETE on such an id (a step its state does not allow, or that raced
 *       another; a rule of the domain that refuses it);</li>
 *   <li>412: the same with an {@code If-Match} header (the version it names is no longer current; an operation that
 *       does not read the shared header hides it: {@code @Parameter(name = "If-Match", in = HEADER, hidden = true)});
 *       </li>
 *   <li>415: a body (not of the type the operation takes).</li>
 * </ul>
 * An operation without a security requirement says so ({@code security: []}: open to anyone, the survey page). An
 * operation that answers in HTML (the customer's survey page) documents its own answers and is left alone.
 */
public class ProblemResponses implements OASFilter {

    /** The shared responses, by the status they stand for, each named in {@code #/components/responses}. */
    static final Map<String, String> NAMES = Map.of(
            "400", "BadRequest",
            "401", "Unauthorized",
            "403", "Forbidden",
            "404", "NotFound",
            "409", "Conflict",
            "412", "PreconditionFailed",
            "415", "UnsupportedMediaType",
            "422", "UnprocessableContent");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "The request is malformed: a parameter, header or body field is missing, mistyped, out of range or "
                    + "too long (errors names each field and why). Nothing was changed.",
            "401", "No bearer token, or one refused (expired, not signed by the chain's identity provider, another "
                    + "issuer or audience); WWW-Authenticate: Bearer. Nothing was changed.",
            "403", "The caller's roles do not allow this operation (its security requirement lists those that do), "
                    + "or the data is of a branch the caller's account does not cover. Nothing was changed.",
            "404", "The id in the path names nothing here. Nothing was changed.",
            "409", "The case's state does not allow this (currentState, allowedSteps), or it changed while the request "
                    + "was handled (currentVersion): read it again. Nothing was changed.",
            "412", "If-Match names a version that is no longer current (currentVersion is the version now). Nothing "
                    + "was changed.",
            "415", "The body is not of a type this operation takes. Nothing was changed.",
            "422", "Well-formed, but a rule of the domain refuses it (errors names the field when there is one). "
                    + "Nothing was changed.");

    private static final Set<PathItem.HttpMethod> CHANGES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema("Problem", problemSchema());
        components.addSchema("FieldError", fieldErrorSchema());
        NAMES.forEach((status, name) -> components.addResponse(name, OASFactory.createAPIResponse()
                .description(DESCRIPTIONS.get(status))
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))))));

        Set<String> used = new HashSet<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> {
                if (item.getOperations() != null) {
                    item.getOperations().forEach((method, operation) -> {
                        if (operation.getSecurity() == null) {
                            // said, not left out: an operation no role guards is open to anyone (the survey page)
                            operation.setSecurity(new ArrayList<>());
                        }
                        if (!answersInHtml(operation)) {
                            document(method, parameters(item, operation, components), components, operation);
                        }
                        collectRefs(operation, used);
                    });
                }
            });
        }
        // only the shared responses some operation uses (an unused component is noise in a client's generated code)
        NAMES.values().stream().filter(name -> !used.contains(name)).forEach(components::removeResponse);
    }

    /** Adds the problem responses the rules give {@code operation}, keeping those it documents itself. */
    private static void document(PathItem.HttpMethod method, List<Parameter> parameters, Components components,
                                 Operation operation) {
        boolean body = operation.getRequestBody() != null;
        boolean input = body || parameters.stream().anyMatch(p -> p.getIn() != Parameter.In.PATH
                || !uuid(p, components) && constrained(p, components));
        boolean namesOne = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH && uuid(p, components));
        boolean changesOne = namesOne && CHANGES.contains(method);
        boolean ifMatch = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER
                && CommandHeaders.IF_MATCH.equalsIgnoreCase(p.getName()));

        List<String> statuses = new ArrayList<>();
        if (input) {
            statuses.add("400");
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            statuses.add("401");
            statuses.add("403");
        }
        if (namesOne) {
            statuses.add("404");
        }
        if (changesOne) {
            statuses.add("409");
            if (ifMatch) {
                statuses.add("412");
            }
        }
        if (body) {
            statuses.add("415");
        }
        if (changesOne) {
            statuses.add("422");
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        for (String status : statuses) {
            APIResponse documented = responses.getAPIResponse(status);
            // kept: the operation's own answer; replaced: a bare one (Quarkus adds "400: Bad Request" with no content)
            if (documented == null || documented.getRef() == null && documented.getContent() == null) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(NAMES.get(status)));
            }
        }
        // statuses in order, the way a reader looks them up
        Map<String, APIResponse> sorted = new LinkedHashMap<>();
        responses.getAPIResponses().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        responses.setAPIResponses(sorted);
    }

    /** The operation's parameters with those of its path item, references resolved. */
    private static List<Parameter> parameters(PathItem item, Operation operation, Components components) {
        List<Parameter> all = new ArrayList<>();
        for (List<Parameter> list : java.util.Arrays.asList(item.getParameters(), operation.getParameters())) {
            if (list != null) {
                for (Parameter p : list) {
                    if (p.getRef() != null && components.getParameters() != null) {
                        p = components.getParameters().get(p.getRef().substring(p.getRef().lastIndexOf('/') + 1));
                    }
                    if (p != null) {
                        all.add(p);
                    }
                }
            }
        }
        return all;
    }

    private static boolean uuid(Parameter p, Components components) {
        Schema s = schema(p, components);
        return s != null && "uuid".equals(s.getFormat());
    }

    private static boolean constrained(Parameter p, Components components) {
        Schema s = schema(p, components);
        return s != null && (s.getPattern() != null || s.getMaxLength() != null || s.getMinLength() != null);
    }

    /** The parameter's schema, a reference resolved (a UUID is {@code $ref: '#/components/schemas/UUID'}). */
    private static Schema schema(Parameter p, Components components) {
        Schema s = p.getSchema();
        if (s != null && s.getRef() != null && components.getSchemas() != null) {
            s = components.getSchemas().get(s.getRef().substring(s.getRef().lastIndexOf('/') + 1));
        }
        return s;
    }

    private static boolean answersInHtml(Operation operation) {
        return operation.getResponses() != null && operation.getResponses().getAPIResponses() != null
                && operation.getResponses().getAPIResponses().values().stream()
                .anyMatch(r -> r.getContent() != null && r.getContent().hasMediaType("text/html"));
    }

    private static void collectRefs(Operation operation, Set<String> used) {
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().values().stream()
                    .filter(r -> r.getRef() != null)
                    .forEach(r -> used.add(r.getRef().substring(r.getRef().lastIndexOf('/') + 1)));
        }
    }

    /** {@link Problem}, member by member. */
    private static Schema problemSchema() {
        return object("Problem details (RFC 9457): what was refused and why; nothing was changed.")
                .addProperty("type", string("What kind of problem: urn:clinic:problem:<kind>, e.g. "
                        + "urn:clinic:problem:invalid-request, urn:clinic:problem:step-not-allowed").format("uri"))
                .addProperty("title", string("The status's reason phrase"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status"))
                .addProperty("detail", string("What happened, for a person"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("FieldError"))
                        .description("The fields of the request at fault and why (400, 422)"))
                .addProperty("currentVersion", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64")
                        .description("The case's version now (409 of a concurrent change, 412)"))
                .addProperty("currentState", string("The case's state (409 of a step its state does not allow)"))
                .addProperty("allowedSteps", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().addType(SchemaType.STRING))
                        .description("The steps the case's state allows (409 of a step it does not allow)"))
                .required(List.of("type", "title", "status"));
    }

    private static Schema fieldErrorSchema() {
        return object("One field of the request and what is wrong with it")
                .addProperty("field", string("The field: a body path such as customer.name or items[0].amount, a "
                        + "parameter or header name, or (body) for the body as a whole"))
                .addProperty("reason", string("What is wrong with it"))
                .required(List.of("field", "reason"));
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description(description);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
