package clinic.eventstore.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON every service reads: as written, or refused naming the field. */
class StrictJsonTest {

    enum Remedy { APOLOGY, FULL_REFUND }

    record Body(Boolean doNotContact, Integer sessions, Remedy remedy, String amount, LocalDate serviceDate,
                Instant visitedAt, List<String> notes) {
    }

    final ObjectMapper mapper = StrictJson.apply(new ObjectMapper().registerModule(new JavaTimeModule()));

    Body read(String json) throws Exception {
        return mapper.readValue(json, Body.class);
    }

    @Test
    void a_well_formed_body_reads_as_written() throws Exception {
        Body b = read("""
                {"doNotContact":true,"sessions":3,"remedy":"APOLOGY","amount":"12800.00","serviceDate":"2026-11-20",
                 "visitedAt":"2026-11-20T08:00:00.123+08:00","notes":["a","b"],"unknown":{"ignored":1}}""");
        assertThat(b.doNotContact()).isTrue();
        assertThat(b.sessions()).isEqualTo(3);
        assertThat(b.visitedAt()).isEqualTo(Instant.parse("2026-11-20T00:00:00.123Z"));
    }

    @Test
    void numbers_are_not_booleans_enums_or_strings_and_fractions_are_not_counts() {
        assertRefused("{\"doNotContact\":5}", "doNotContact");
        assertRefused("{\"doNotContact\":\"true\"}", "doNotContact");
        assertRefused("{\"remedy\":1}", "remedy");
        assertRefused("{\"amount\":12800}", "amount");
        assertRefused("{\"sessions\":1.5}", "sessions");
        assertRefused("{\"sessions\":\"3\"}", "sessions");
    }

    @Test
    void dates_are_iso_text_inside_the_business_range() {
        assertRefused("{\"serviceDate\":\"+294277-01-01\"}", "serviceDate");
        assertRefused("{\"serviceDate\":\"1700000000\"}", "serviceDate");
        assertRefused("{\"serviceDate\":\"2026-02-30\"}", "serviceDate");
        assertRefused("{\"serviceDate\":20261120}", "serviceDate");
        assertRefused("{\"visitedAt\":\"-1000000000-01-01T00:00:00Z\"}", "visitedAt");
        assertRefused("{\"visitedAt\":1700000000}", "visitedAt");
        assertRefused("{\"visitedAt\":\"1700000000\"}", "visitedAt");
        assertRefused("{\"visitedAt\":\"2200-01-01T00:00:00Z\"}", "visitedAt");
    }

    @Test
    void a_nul_character_in_any_string_is_refused() {
        assertRefused("{\"amount\":\"12\\u0000\"}", "amount");
        assertRefused("{\"notes\":[\"ok\",\"a\\u0000b\"]}", "notes");
    }

    @Test
    void a_key_given_twice_or_content_after_the_document_is_refused() {
        assertThatThrownBy(() -> read("{\"amount\":\"1\",\"amount\":\"2\"}")).hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> read("{\"amount\":\"1\"} {}")).hasMessageContaining("Trailing token");
    }

    private void assertRefused(String json, String field) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(JsonMappingException.class)
                .satisfies(e -> assertThat(((JsonMappingException) e).getPath().getFirst().getFieldName()).isEqualTo(field));
    }
}
