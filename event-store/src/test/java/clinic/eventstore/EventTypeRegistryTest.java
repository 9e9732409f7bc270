package clinic.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypeRegistryTest {

    sealed interface Sample {
        record Opened(String caseId, String branchId, long amountMinor) implements Sample {
        }

        record Noted(String text) implements Sample {
        }
    }

    final EventTypeRegistry<Sample> registry = EventTypeRegistry.<Sample>builder()
            .register("sample.opened.v2", Sample.Opened.class)
            .register("sample.noted.v1", Sample.Noted.class)
            // v1 called the branch "shop" and had no amount
            .upcast("sample.opened.v1", "sample.opened.v2", node -> {
                ObjectNode n = node.deepCopy();
                n.set("branchId", n.remove("shop"));
                n.put("amountMinor", 0);
                return n;
            })
            .build(new ObjectMapper());

    @Test
    void events_are_named_by_their_stable_type_not_their_class() {
        Sample e = new Sample.Noted("called back");
        assertThat(registry.typeOf(e)).isEqualTo("sample.noted.v1");
        assertThat(registry.fromJson("sample.noted.v1", registry.toJson(e))).isEqualTo(e);
    }

    @Test
    void an_old_version_is_read_as_the_current_one() {
        Sample read = registry.fromJson("sample.opened.v1", "{\"caseId\":\"c1\",\"shop\":\"SH001\"}");
        assertThat(read).isEqualTo(new Sample.Opened("c1", "SH001", 0));
    }

    @Test
    void fields_a_reader_does_not_know_are_ignored() {
        Sample read = registry.fromJson("sample.noted.v1", "{\"text\":\"x\",\"addedLater\":1}");
        assertThat(read).isEqualTo(new Sample.Noted("x"));
    }

    @Test
    void an_unknown_type_is_refused_by_name() {
        assertThatThrownBy(() -> registry.fromJson("sample.vanished.v1", "{}"))
                .isInstanceOf(EventTypeRegistry.UnknownEventType.class)
                .hasMessageContaining("sample.vanished.v1");
        assertThatThrownBy(() -> EventTypeRegistry.<Sample>builder().register("SampleOpened", Sample.Opened.class))
                .hasMessageContaining("complaint.filed.v1");
    }
}
