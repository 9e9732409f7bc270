package clinic.devstack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Values written into hand-made JSON (a test account, a test token) cannot end their string early. */
class JsonTextTest {

    @Test
    void quotes_backslashes_and_control_characters_are_escaped() {
        assertThat(JsonText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(JsonText.quote("x\u0000y\nz")).isEqualTo("\"x\\u0000y\\u000az\"");
        assertThat(JsonText.quote("")).isEqualTo("\"\"");
        assertThat(JsonText.quote("李雷")).isEqualTo("\"李雷\"");
    }

    @Test
    void an_array_is_its_values_quoted() {
        assertThat(JsonText.array(List.of("SH001", "B\"J"))).isEqualTo("[\"SH001\",\"B\\\"J\"]");
        assertThat(JsonText.array(List.of())).isEqualTo("[]");
    }
}
