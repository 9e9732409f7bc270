package clinic.eventstore.config;

import clinic.calendar.BusinessCalendar;
import clinic.calendar.CalendarSnapshot;
import clinic.calendar.OfficialCalendar;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.api.StrictJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A calendar snapshot kept in a case's event: stored as JSON and read back as the same days. */
class CalendarSnapshotJsonTest {

    record CalendarFrozen(String caseId, CalendarSnapshot calendar) {
    }

    final EventTypeRegistry<Record> registry = EventTypeRegistry.<Record>builder()
            .register("test.calendar-frozen.v1", CalendarFrozen.class)
            .build(StrictJson.apply(new ObjectMapper()));

    @Test
    void a_snapshot_survives_the_event_json_and_gives_back_the_same_days() {
        BusinessCalendar sh = new BusinessCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0), LocalTime.of(18, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(LocalDate.parse("2026-12-24")), Set.of(),
                OfficialCalendar.china());
        // National Day 2026 (国办发明电〔2025〕7号) to Spring Festival 2027 (statutory days only)
        CalendarSnapshot snapshot = sh.snapshot(LocalDate.parse("2026-09-15"), LocalDate.parse("2027-02-28"));
        CalendarFrozen event = new CalendarFrozen("SH001-2026-000001", snapshot);

        String json = registry.toJson(event);
        assertThat(json).contains("\"zone\":\"Asia/Shanghai\"", "\"from\":\"2026-09-15\"", "\"MONDAY\"",
                "\"2026-10-10\"", "国办发明电〔2025〕7号");
        CalendarFrozen read = (CalendarFrozen) registry.fromJson("test.calendar-frozen.v1", json);
        assertThat(read).isEqualTo(event);

        BusinessCalendar frozen = sh.withOfficial(OfficialCalendar.NONE).frozenBy(read.calendar());
        for (LocalDate d = snapshot.from(); !d.isAfter(snapshot.to()); d = d.plusDays(1)) {
            assertThat(frozen.isWorkingDay(d)).as(d.toString()).isEqualTo(sh.isWorkingDay(d));
        }
    }
}
