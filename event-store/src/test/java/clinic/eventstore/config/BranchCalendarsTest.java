package clinic.eventstore.config;

import clinic.calendar.BusinessCalendar;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The one business calendar configuration every service reads: the chain's, and a branch's over it. */
@QuarkusTest
class BranchCalendarsTest {

    @Inject
    BranchCalendars calendars;

    @Test
    void a_branch_without_settings_of_its_own_has_the_chains_calendar() {
        BusinessCalendar shanghai = calendars.of("SH001");
        assertThat(shanghai.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(shanghai.isWorkingDay(LocalDate.parse("2026-10-01"))).as("National Day").isFalse();
        assertThat(shanghai.isWorkingDay(LocalDate.parse("2026-09-27"))).as("a make-up Sunday").isTrue();
        assertThat(calendars.of(null).zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void a_branch_overrides_what_it_sets_and_keeps_the_rest_of_the_chains() {
        BusinessCalendar hongKong = calendars.of("HK001");
        assertThat(hongKong.zone()).isEqualTo(ZoneId.of("Asia/Hong_Kong"));
        assertThat(hongKong.opens()).isEqualTo(LocalTime.of(10, 0));
        assertThat(hongKong.closes()).as("the chain's closing time").isEqualTo(LocalTime.of(18, 0));
        assertThat(hongKong.isWorkingDay(LocalDate.parse("2026-12-25"))).as("its own holiday").isFalse();
        assertThat(hongKong.isWorkingDay(LocalDate.parse("2026-10-01"))).as("its holidays replace the chain's")
                .isTrue();
    }
}
