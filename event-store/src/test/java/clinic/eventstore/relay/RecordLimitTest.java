package clinic.eventstore.relay;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The record size the store checks is counted without encoding a copy of the payload, and never counts short. */
class RecordLimitTest {

    @Test
    void utf8_length_is_counted_exactly_for_every_script() {
        for (String s : new String[]{"", "plain ascii {\"a\":1}", "王丽 退款 12800.00", "é ß ¥ ©", "😀 emoji 🏥", "١٢٣",
                "mixed 王 é 😀 x"}) {
            assertThat(RecordLimit.utf8(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void a_lone_surrogate_is_counted_from_above() {
        String lone = "a\uD83Db";
        assertThat(RecordLimit.utf8(lone)).isGreaterThanOrEqualTo(lone.getBytes(StandardCharsets.UTF_8).length);
    }
}
