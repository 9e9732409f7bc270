package clinic.refund.application;

import clinic.contracts.EventContracts;
import clinic.eventstore.EventTypeRegistry;
import clinic.refund.domain.RefundEvent;
import clinic.refund.domain.purchase.PurchaseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer side of the contracts in event-contracts: every event type refund-service publishes on refund-events
 * (refund and purchase events) has a JSON Schema, and what the service's own {@link EventTypeRegistry}s (its real
 * ObjectMapper, stored-entitlement mix-ins and all) write for each keeps it.
 */
@QuarkusTest
class RefundEventContractsTest {

    @Inject
    EventTypeRegistry<RefundEvent> refunds;
    @Inject
    EventTypeRegistry<PurchaseEvent> purchases;

    static List<String> published() {
        return Stream.concat(EventContracts.typesNamedIn(RefundEventTypes.class).stream(),
                EventContracts.typesNamedIn(PurchaseEventTypes.class).stream()).toList();
    }

    @Test
    void every_event_type_the_service_names_has_a_contract() {
        assertThat(published()).hasSizeGreaterThan(15)
                .allSatisfy(type -> assertThat(EventContracts.hasSchema(type)).as("a schema for " + type).isTrue());
    }

    @Test
    void every_event_the_registries_write_keeps_its_contract() {
        for (String type : published()) {
            assertThat(refunds.knows(type) || purchases.knows(type)).as(type + " registered").isTrue();
            for (String sample : List.of(EventContracts.message(type), EventContracts.fullMessage(type))) {
                String written = refunds.knows(type) ? refunds.toJson(refunds.fromJson(type, sample))
                        : purchases.toJson(purchases.fromJson(type, sample));
                assertThat(EventContracts.violations(type, written)).as(type + ": " + written).isEmpty();
            }
        }
    }

    @Test
    void a_contract_refuses_an_event_without_any_one_of_its_fields() {
        for (String type : published()) {
            assertThat(EventContracts.fieldsItLetsGo(type)).as(type + ": fields a producer could leave out").isEmpty();
        }
    }
}
