package clinic.followup.application;

import clinic.contracts.EventContracts;
import clinic.eventstore.EventTypeRegistry;
import clinic.followup.domain.FollowUpEvent;
import clinic.followup.domain.FollowUpWindowEvent;
import clinic.followup.domain.SurveyEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer side of the contracts in event-contracts: every event type followup-service publishes (task, survey
 * and window events) has a JSON Schema, and what the service's own {@link EventTypeRegistry}s (its real ObjectMapper)
 * write for each keeps it.
 */
@QuarkusTest
class FollowUpEventContractsTest {

    @Inject
    EventTypeRegistry<FollowUpEvent> tasks;
    @Inject
    EventTypeRegistry<SurveyEvent> surveys;
    @Inject
    EventTypeRegistry<FollowUpWindowEvent> windows;

    @Test
    void every_event_type_the_service_names_has_a_contract() {
        assertThat(EventContracts.typesNamedIn(FollowUpEventTypes.class)).hasSizeGreaterThan(15)
                .allSatisfy(type -> assertThat(EventContracts.hasSchema(type)).as("a schema for " + type).isTrue());
    }

    @Test
    void every_event_the_registries_write_keeps_its_contract() {
        for (String type : EventContracts.typesNamedIn(FollowUpEventTypes.class)) {
            List<EventTypeRegistry<?>> writers = List.<EventTypeRegistry<?>>of(tasks, surveys, windows).stream()
                    .filter(r -> r.knows(type)).toList();
            assertThat(writers).as(type + " registered").isNotEmpty();
            for (EventTypeRegistry<?> writer : writers) {
                for (String sample : List.of(EventContracts.message(type), EventContracts.fullMessage(type))) {
                    String written = roundTrip(writer, type, sample);
                    assertThat(EventContracts.violations(type, written)).as(type + ": " + written).isEmpty();
                }
            }
        }
    }

    private static <E> String roundTrip(EventTypeRegistry<E> registry, String type, String json) {
        return registry.toJson(registry.fromJson(type, json));
    }

    @Test
    void a_contract_refuses_an_event_without_any_one_of_its_fields() {
        for (String type : EventContracts.typesNamedIn(FollowUpEventTypes.class)) {
            assertThat(EventContracts.fieldsItLetsGo(type)).as(type + ": fields a producer could leave out").isEmpty();
        }
    }
}
