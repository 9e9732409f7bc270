package clinic.eventstore.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One JSON reading for every service, HTTP bodies and Kafka messages alike: a document is read as written or refused,
 * never guessed at.
 * <ul>
 *   <li>a key given twice, or anything after the document, is an error;</li>
 *   <li>no coercion between JSON types: a number is not an enum, a boolean or a string, a string is not a number,
 *       a fraction is not a count, {@code null} is not a number;</li>
 *   <li>dates and instants are ISO-8601 text inside {@link BusinessTime}'s range (no epoch numbers or strings);</li>
 *   <li>a string may not hold a NUL character (PostgreSQL cannot store one in text).</li>
 * </ul>
 * Unknown members are still ignored, so that consumers read newer versions of the events they know.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Last, after Quarkus has registered its own modules (its java.time readers would otherwise win). */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    /** Makes {@code mapper} strict; for mappers made outside CDI (tests, tools). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS);
        for (LogicalType type : new LogicalType[]{LogicalType.Boolean, LogicalType.Integer, LogicalType.Float,
                LogicalType.Textual, LogicalType.Enum, LogicalType.DateTime}) {
            var config = mapper.coercionConfigFor(type);
            for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String,
                    CoercionInputShape.EmptyString}) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        }
        // the shapes each type is read from itself stay allowed
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);

        SimpleModule module = new SimpleModule("strict-json");
        module.addDeserializer(String.class, new NoNulStrings());
        module.addDeserializer(Instant.class, new IsoInstants());
        module.addDeserializer(LocalDate.class, new IsoDates());
        mapper.registerModule(module);
        return mapper;
    }

    /** A value refused with a reason meant for the caller; the JSON path names the field. */
    public static final class RefusedValue extends InvalidFormatException {
        RefusedValue(JsonParser p, String reason, Object value, Class<?> type) {
            super(p, reason, value, type);
        }
    }

    static final class NoNulStrings extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw new RefusedValue(p, "must not contain a NUL character (\\u0000)", "\\u0000", String.class);
            }
            return value;
        }
    }

    static final class IsoInstants extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw new RefusedValue(p, BusinessTime.INSTANT_RULE, p.getText(), Instant.class);
            }
            Instant value = BusinessTime.parseInstant(p.getText());
            if (value == null) {
                throw new RefusedValue(p, BusinessTime.INSTANT_RULE, p.getText(), Instant.class);
            }
            return value;
        }
    }

    static final class IsoDates extends JsonDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw new RefusedValue(p, BusinessTime.DATE_RULE, p.getText(), LocalDate.class);
            }
            LocalDate value = BusinessTime.parseDate(p.getText());
            if (value == null) {
                throw new RefusedValue(p, BusinessTime.DATE_RULE, p.getText(), LocalDate.class);
            }
            return value;
        }
    }
}
