package clinic.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventContractsTest {

    private static final String DIR = "src/main/resources/clinic/contracts";
    private static final String ERASED = "customer.personal-data-erased.v1";

    @Test
    void a_message_as_the_producer_writes_it_keeps_the_contract() {
        String json = "{\"customerRef\":\"C-1\",\"erasedAt\":\"2026-03-01T08:00:00Z\"}";

        assertThat(EventContracts.violations(ERASED, json)).isEmpty();
        assertThat(EventContracts.assertValid(ERASED, json)).isEqualTo(json);
    }

    @Test
    void a_missing_field_a_wrong_format_and_an_unknown_field_are_each_named() {
        assertThat(EventContracts.violations(ERASED, "{\"erasedAt\":\"2026-03-01T08:00:00Z\"}"))
                .singleElement().asString().contains("customerRef");
        assertThat(EventContracts.violations(ERASED, "{\"customerRef\":\"C-1\",\"erasedAt\":\"2026-03-01\"}"))
                .singleElement().asString().contains("date-time");
        assertThat(EventContracts.violations(ERASED,
                "{\"customerRef\":\"C-1\",\"erasedAt\":\"2026-03-01T08:00:00Z\",\"name\":\"Li\"}"))
                .singleElement().asString().contains("name");
    }

    @Test
    void a_message_that_breaks_the_contract_fails_the_test_that_sends_it() {
        assertThatThrownBy(() -> EventContracts.assertValid(ERASED, "{\"customerRef\":\"C-1\"}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(ERASED)
                .hasMessageContaining("erasedAt");
    }

    @Test
    void a_message_holds_the_fields_given_and_fills_the_rest_as_the_producer_could() throws IOException {
        JsonNode agreed = new ObjectMapper().readTree(EventContracts.message("complaint.agreement-reached.v1",
                "remedy", "FULL_REFUND", "amount", java.util.Map.of("minorUnits", 400000, "currency", "CNY")));

        assertThat(agreed.path("remedy").asText()).isEqualTo("FULL_REFUND");
        assertThat(agreed.path("amount").path("minorUnits").asLong()).isEqualTo(400000);
        assertThat(agreed.path("dueDate").isNull()).as("a field the producer may leave null").isTrue();
        assertThat(agreed.path("agreedAt").asText()).isNotBlank();
        assertThat(new ObjectMapper().readTree(EventContracts.fullMessage("complaint.agreement-reached.v1"))
                .path("dueDate").asText()).isNotBlank();
        java.util.UUID id = java.util.UUID.randomUUID();
        JsonNode dated = new ObjectMapper().readTree(EventContracts.message("complaint.agreement-reached.v1",
                "complaintId", id, "dueDate", java.time.LocalDate.of(2026, 3, 9),
                "agreedAt", java.time.Instant.parse("2026-03-02T08:00:00Z")));
        assertThat(dated.path("complaintId").asText()).isEqualTo(id.toString());
        assertThat(dated.path("dueDate").asText()).isEqualTo("2026-03-09");
        assertThat(dated.path("agreedAt").asText()).isEqualTo("2026-03-02T08:00:00Z");
    }

    @Test
    void a_message_cannot_carry_what_the_producer_does_not_write() {
        assertThatThrownBy(() -> EventContracts.message("complaint.closed.v1", "closedAt", "2026-03-02"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("date-time");
        assertThatThrownBy(() -> EventContracts.message("complaint.closed.v1", "status", "CLOSED"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no field status");
    }

    @Test
    void every_contract_can_build_a_message_it_accepts() throws IOException {
        for (String type : types()) {
            assertThat(EventContracts.violations(type, EventContracts.message(type))).as(type).isEmpty();
            assertThat(EventContracts.violations(type, EventContracts.fullMessage(type))).as(type).isEmpty();
        }
    }

    @Test
    void an_event_type_without_a_contract_is_refused() {
        assertThat(EventContracts.hasSchema("complaint.filed.v1")).isTrue();
        assertThat(EventContracts.hasSchema("complaint.unheard-of.v1")).isFalse();
        assertThatThrownBy(() -> EventContracts.violations("complaint.unheard-of.v1", "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no contract");
    }

    @Test
    void every_schema_is_a_draft_2020_12_object_schema_with_a_title_and_a_description() throws IOException {
        assertThat(types()).hasSizeGreaterThan(60).allSatisfy(type -> {
            JsonNode schema = new ObjectMapper().readTree(Path.of(DIR, type + ".schema.json").toFile());
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("title").asText()).isEqualTo(type);
            assertThat(schema.path("description").asText()).isNotBlank();
            assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
            // loading it through the validator proves that it parses and that its $refs resolve
            assertThat(EventContracts.violations(type, "[]")).isNotEmpty();
        });
    }

    private static List<String> types() throws IOException {
        try (Stream<Path> listed = Files.list(Path.of(DIR))) {
            return listed.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".schema.json"))
                    .map(name -> name.substring(0, name.length() - ".schema.json".length()))
                    .sorted()
                    .toList();
        }
    }
}
