package clinic.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The stable names of a service's event types ({@code complaint.filed.v1}), never Java class names, and their JSON
 * form. An older version is read through upcasters that turn its payload into the next version's until a registered
 * type is reached, so a stream written years ago replays into today's records.
 *
 * @param <E> the service's sealed event interface
 */
public final class EventTypeRegistry<E> {

    private record Upcaster(String toType, UnaryOperator<ObjectNode> transform) {
    }

    private final ObjectMapper mapper;
    private final Map<String, Class<? extends E>> classesByType;
    private final Map<Class<?>, String> typesByClass;
    private final Map<String, Upcaster> upcasters;

    private EventTypeRegistry(ObjectMapper mapper, Map<String, Class<? extends E>> classesByType,
                              Map<String, Upcaster> upcasters) {
        this.mapper = mapper;
        this.classesByType = Map.copyOf(classesByType);
        this.upcasters = Map.copyOf(upcasters);
        Map<Class<?>, String> byClass = new HashMap<>();
        classesByType.forEach((type, cls) -> byClass.put(cls, type));
        this.typesByClass = Map.copyOf(byClass);
    }

    public static <E> Builder<E> builder() {
        return new Builder<>();
    }

    /** The type name an event is stored and sent under. */
    public String typeOf(E event) {
        String type = typesByClass.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("no type name registered for " + event.getClass().getName());
        }
        return type;
    }

    /** Every type name this registry reads, old (upcast) ones included: the kinds of stream that are its own. */
    public java.util.Set<String> types() {
        java.util.Set<String> all = new java.util.TreeSet<>(classesByType.keySet());
        all.addAll(upcasters.keySet());
        return all;
    }

    public boolean knows(String type) {
        return classesByType.containsKey(type) || upcasters.containsKey(type);
    }

    public String toJson(E event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public NewEvent toNewEvent(E event, java.util.UUID eventId, java.time.Instant occurredAt) {
        return new NewEvent(eventId, typeOf(event), toJson(event), occurredAt);
    }

    /** Reads a payload stored under {@code type}, upcasting older versions. */
    public E fromJson(String type, String json) {
        try {
            ObjectNode node = (ObjectNode) mapper.readTree(json);
            String current = type;
            while (!classesByType.containsKey(current)) {
                Upcaster up = upcasters.get(current);
                if (up == null) {
                    throw new UnknownEventType(type);
                }
                node = up.transform().apply(node);
                current = up.toType();
            }
            return mapper.treeToValue(node, classesByType.get(current));
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("payload of " + type + " is not readable: " + e.getMessage(), e);
        }
    }

    public E fromStored(StoredEvent event) {
        return fromJson(event.type(), event.payload());
    }

    /** An event type this service has never known. */
    public static class UnknownEventType extends RuntimeException {
        public UnknownEventType(String type) {
            super("unknown event type " + type);
        }
    }

    public static final class Builder<E> {
        private final Map<String, Class<? extends E>> classesByType = new HashMap<>();
        private final Map<String, Upcaster> upcasters = new HashMap<>();

        public Builder<E> register(String type, Class<? extends E> eventClass) {
            if (!type.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+\\.v[0-9]+")) {
                throw new IllegalArgumentException("type names look like 'complaint.filed.v1': " + type);
            }
            if (classesByType.putIfAbsent(type, eventClass) != null) {
                throw new IllegalArgumentException("type registered twice: " + type);
            }
            return this;
        }

        /** Reads payloads of {@code oldType} as {@code newType} after {@code transform}. */
        public Builder<E> upcast(String oldType, String newType, UnaryOperator<ObjectNode> transform) {
            upcasters.put(oldType, new Upcaster(newType, transform));
            return this;
        }

        public EventTypeRegistry<E> build(ObjectMapper mapper) {
            Objects.requireNonNull(mapper, "mapper");
            for (var e : upcasters.entrySet()) {
                if (!classesByType.containsKey(e.getValue().toType()) && !upcasters.containsKey(e.getValue().toType())) {
                    throw new IllegalArgumentException(e.getKey() + " upcasts to unknown type " + e.getValue().toType());
                }
            }
            // consumers ignore fields they do not know; instants and durations are ISO-8601 text. History is read
            // as it was written: a date stored before requests were bounded to 1900-2199 must still read back.
            ObjectMapper own = mapper.copy()
                    .findAndRegisterModules()
                    .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("history-dates")
                            .addDeserializer(java.time.Instant.class,
                                    com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer.INSTANT)
                            .addDeserializer(java.time.LocalDate.class,
                                    com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer.INSTANCE))
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
                    .configure(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS, false);
            return new EventTypeRegistry<>(own, classesByType, upcasters);
        }
    }
}
