package clinic.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;

/**
 * Builds a value that a schema accepts, for {@link EventContracts#message}. Only the keywords the event contracts
 * use: type, enum, const, format, pattern (currency codes), properties/required, items, $ref into $defs, anyOf and
 * oneOf (the first branch, or the non-null one when {@code full}).
 */
final class MessageFiller {

    /** Values given as Java objects are written as the producers write them: dates and instants as ISO-8601 text. */
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessageFiller() {
    }

    static ObjectNode fill(JsonNode root, boolean full, Object... fieldsAndValues) {
        if (fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields and values come in pairs");
        }
        ObjectNode message = (ObjectNode) value(root, root, full);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            String field = (String) fieldsAndValues[i];
            if (!root.path("properties").has(field)) {
                throw new IllegalArgumentException(root.path("title").asText() + " has no field " + field);
            }
            message.set(field, MAPPER.valueToTree(fieldsAndValues[i + 1]));
        }
        return message;
    }

    private static JsonNode value(JsonNode root, JsonNode schema, boolean full) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return value(root, root.at(ref.substring(1)), full);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        for (String choice : new String[]{"anyOf", "oneOf"}) {
            if (schema.has(choice)) {
                JsonNode branches = schema.get(choice);
                JsonNode pick = branches.get(0);
                for (JsonNode branch : branches) {
                    boolean isNull = "null".equals(branch.path("type").asText());
                    if (full != isNull) {
                        pick = branch;
                        break;
                    }
                }
                return value(root, pick, full);
            }
        }
        JsonNode type = schema.path("type");
        String kind = type.isArray() ? type.get(0).asText() : type.asText();
        if (type.isArray() && !full) {
            return NODES.nullNode();
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        return switch (kind) {
            case "object" -> object(root, schema, full);
            case "array" -> {
                ArrayNode items = NODES.arrayNode();
                if (full) {
                    items.add(value(root, schema.path("items"), true));
                }
                yield items;
            }
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            case "null" -> NODES.nullNode();
            case "string" -> NODES.textNode(text(schema));
            default -> throw new IllegalArgumentException("no filler for " + schema);
        };
    }

    private static ObjectNode object(JsonNode root, JsonNode schema, boolean full) {
        ObjectNode object = NODES.objectNode();
        for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            object.set(name, value(root, schema.path("properties").get(name), full));
        }
        return object;
    }

    private static String text(JsonNode schema) {
        String format = schema.path("format").asText();
        String pattern = schema.path("pattern").asText();
        return switch (format) {
            case "uuid" -> "00000000-0000-4000-8000-000000000001";
            case "date-time" -> "2026-03-02T02:15:00Z";
            case "date" -> "2026-03-02";
            case "duration" -> "PT2H";
            default -> pattern.equals("^[A-Z]{3}$") ? "CNY"
                    : pattern.startsWith("^([01]") ? "09:00"
                    : pattern.startsWith("^-?[0-9]") ? "1.0" : "sample";
        };
    }
}
