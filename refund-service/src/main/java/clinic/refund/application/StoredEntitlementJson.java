package clinic.refund.application;

import clinic.refund.domain.entitlement.FxRates;
import clinic.refund.domain.entitlement.FxRecord;
import clinic.refund.domain.entitlement.Item;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * The JSON form of what a calculation keeps ({@code entitlement} of {@code refund.entitlement-calculated.v1}), so that
 * it reads back as exactly what it was and re-runs to the same result:
 * <ul>
 *   <li>each item of {@code inputs} names its kind ({@code "kind": "PACKAGE"}, the kinds of
 *       {@code POST /refunds/calculate});</li>
 *   <li>exchange rates ({@code inputs.fx}, {@code fx}) are decimal strings ({@code "7.0500"}), like
 *       {@code fxRateToReporting} of the purchase events: the event store reads payloads through a tree that holds
 *       JSON numbers as doubles, which loses a rate's scale (and digits past the 15th), and with them the text of the
 *       lines that quote it. Rates stored as numbers before still read.</li>
 * </ul>
 * Kept out of the domain, which knows no JSON.
 */
@Singleton
public class StoredEntitlementJson implements ObjectMapperCustomizer {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Item.Treatment.class, name = "TREATMENT"),
            @JsonSubTypes.Type(value = Item.SessionPackage.class, name = "PACKAGE"),
            @JsonSubTypes.Type(value = Item.PrepaidBalance.class, name = "PREPAID_BALANCE"),
            @JsonSubTypes.Type(value = Item.Product.class, name = "PRODUCT")})
    interface ItemKinds {
    }

    interface ExactRates {
        @JsonSerialize(using = DecimalText.class)
        @JsonDeserialize(using = ExactDecimal.class)
        BigDecimal rateAtPayment();

        @JsonSerialize(using = DecimalText.class)
        @JsonDeserialize(using = ExactDecimal.class)
        BigDecimal rateAtRefund();
    }

    /** A decimal as its plain text, scale and all. */
    static final class DecimalText extends StdSerializer<BigDecimal> {
        DecimalText() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toPlainString());
        }
    }

    /** A decimal from its text, exactly; from a JSON number as the store gives it back (events written before). */
    static final class ExactDecimal extends StdDeserializer<BigDecimal> {
        ExactDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    return new BigDecimal(p.getText().trim());
                } catch (NumberFormatException e) {
                    return (BigDecimal) ctxt.handleWeirdStringValue(BigDecimal.class, p.getText(), "not a decimal");
                }
            }
            if (p.currentToken() != null && p.currentToken().isNumeric()) {
                return p.getDecimalValue();
            }
            return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** For mappers made outside CDI (tests, tools). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        return mapper.addMixIn(Item.class, ItemKinds.class)
                .addMixIn(FxRates.class, ExactRates.class)
                .addMixIn(FxRecord.class, ExactRates.class);
    }
}
