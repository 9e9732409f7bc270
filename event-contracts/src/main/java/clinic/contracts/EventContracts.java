package clinic.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published events' contracts: one JSON Schema (2020-12) per event type, {@code clinic/contracts/<type>.schema.json},
 * describing the payload exactly as the producing service writes it. Producer tests check that what the service
 * serialises matches its schemas; consumer tests check every message they feed in against the producer's schema, so
 * that a consumer is never tested against JSON its producer does not write.
 * <p>
 * Formats ({@code uuid}, {@code date-time}, {@code date}) are asserted, not only annotated: a consumer test that sends
 * {@code "2026-03-01"} where the producer writes an instant is exactly the drift these contracts exist to catch.
 */
public final class EventContracts {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContracts() {
    }

    /** The class-path resource of an event type's schema. */
    public static String resource(String eventType) {
        return "clinic/contracts/" + eventType + ".schema.json";
    }

    /** Whether the repository holds a contract for {@code eventType}. */
    public static boolean hasSchema(String eventType) {
        return EventContracts.class.getClassLoader().getResource(resource(eventType)) != null;
    }

    /**
     * The event types a service's {@code *EventTypes} class names: its {@code public static final String} constants.
     * A producer test checks each has a contract, so that a new event type cannot be published without one.
     */
    public static List<String> typesNamedIn(Class<?> eventTypes) {
        return Arrays.stream(eventTypes.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())
                        && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .sorted()
                .toList();
    }

    /** Every way {@code json} breaks the contract of {@code eventType}, sorted; empty when it keeps it. */
    public static List<String> violations(String eventType, String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return schema(eventType).validate(node).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /**
     * The fields of a whole {@link #message} of {@code eventType} that the contract would let a producer leave out (a
     * violation that does not name the field is not counted): empty when every field the producer writes is required.
     */
    public static List<String> fieldsItLetsGo(String eventType) {
        com.fasterxml.jackson.databind.node.ObjectNode whole;
        try {
            whole = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(message(eventType));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<String> letGo = new java.util.ArrayList<>();
        whole.fieldNames().forEachRemaining(field -> {
            var without = whole.deepCopy();
            without.remove(field);
            if (violations(eventType, without.toString()).stream().noneMatch(v -> v.contains(field))) {
                letGo.add(field);
            }
        });
        return letGo;
    }

    /**
     * Fails unless {@code json} keeps the contract of {@code eventType}; returns it, so that a test can wrap the message
     * it is about to send: {@code send(EventContracts.assertValid(type, json))}.
     */
    public static String assertValid(String eventType, String json) {
        List<String> violations = violations(eventType, json);
        if (!violations.isEmpty()) {
            throw new AssertionError(eventType + " message does not match " + resource(eventType) + ": "
                    + String.join("; ", violations) + "\n" + json);
        }
        return json;
    }

    /**
     * A message of {@code eventType} as its producer could write it: the given fields (name, value, name, value...;
     * values as Jackson writes them, so a {@code Map} is an object and {@code null} is null) over a schema-built
     * filler for every other required field: null where the producer may write null, else the first enum value, a
     * valid uuid / date / instant, zero, an empty list. A consumer test thus states only what it is about, and still
     * sends the whole message. Fails if the result breaks the contract (a field the producer does not write, a value
     * of the wrong type).
     */
    public static String message(String eventType, Object... fieldsAndValues) {
        return assertValid(eventType, MessageFiller.fill(schema(eventType).getSchemaNode(), false, fieldsAndValues)
                .toString());
    }

    /** Like {@link #message}, but with every field the producer may leave null given a value (lists get one item). */
    public static String fullMessage(String eventType, Object... fieldsAndValues) {
        return assertValid(eventType, MessageFiller.fill(schema(eventType).getSchemaNode(), true, fieldsAndValues)
                .toString());
    }

    private static JsonSchema schema(String eventType) {
        return SCHEMAS.computeIfAbsent(eventType, EventContracts::load);
    }

    private static JsonSchema load(String eventType) {
        try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream(resource(eventType))) {
            if (in == null) {
                throw new AssertionError("no contract for event type " + eventType + ": add " + resource(eventType)
                        + " to event-contracts");
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
