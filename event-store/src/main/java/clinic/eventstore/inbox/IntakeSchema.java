package clinic.eventstore.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The published JSON Schema (2020-12) of a topic that branch systems write to. {@link #read} turns a message into
 * JSON that matches it, or a {@link MalformedMessage} naming every violation (which sends it to the dead-letter topic).
 * networknt's validator is used rather than hand-written checks: the schema file is the contract branch systems code
 * against, so the service checks exactly that file.
 */
public final class IntakeSchema {

    private final String resource;
    private final JsonSchema schema;
    private final ObjectMapper mapper;

    public IntakeSchema(String resource, ObjectMapper mapper) {
        this.resource = resource;
        this.mapper = mapper;
        try (InputStream in = IntakeSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + resource + " on the class path");
            }
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ObjectNode read(String value) {
        JsonNode json;
        try {
            json = mapper.readTree(value == null ? "" : MalformedMessage.withoutNul(value));
        } catch (JsonProcessingException e) {
            throw MalformedMessage.unreadable("not JSON: ", e);
        }
        if (json == null || !json.isObject()) {
            throw new MalformedMessage("not a JSON object");
        }
        Set<ValidationMessage> errors = schema.validate(json);
        if (!errors.isEmpty()) {
            throw new MalformedMessage("does not match " + resource + ": " + errors.stream()
                    .map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
        return (ObjectNode) json;
    }
}
