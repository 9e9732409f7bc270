package clinic.eventstore.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void a_decimal_amount_is_kept_in_minor_units_of_its_currency() {
        assertThat(Money.parse("12800.00", "CNY")).isEqualTo(new Money(1_280_000, "CNY"));
        assertThat(Money.parse("0.01", "CNY").minorUnits()).isEqualTo(1);
        assertThat(Money.parse("5000", "JPY")).isEqualTo(new Money(5000, "JPY"));
        assertThat(Money.parse("1.234", "KWD").minorUnits()).isEqualTo(1234);
        assertThat(new Money(1_280_000, "CNY").toDecimalString()).isEqualTo("12800.00");
    }

    @Test
    void amounts_that_are_not_money_are_refused_with_the_reason() {
        assertThatThrownBy(() -> Money.parse("-1.00", "CNY")).hasMessage("must not be negative");
        assertThatThrownBy(() -> Money.parse("12.345", "CNY")).hasMessageContaining("2 decimal places");
        assertThatThrownBy(() -> Money.parse("12.5", "JPY")).hasMessageContaining("0 decimal places");
        assertThatThrownBy(() -> Money.parse("twelve", "CNY")).hasMessageContaining("not a decimal number");
        assertThatThrownBy(() -> Money.parse("1", "XYZ"))
                .isInstanceOfSatisfying(Money.InvalidMoney.class, e -> assertThat(e.part()).isEqualTo("currency"));
        assertThatThrownBy(() -> Money.parse("1", "cny")).hasMessageContaining("ISO 4217");
    }

    @Test
    void an_amount_reads_with_its_currency_in_messages() {
        assertThat(Money.parse("8000", "CNY").display()).isEqualTo("8000.00 CNY");
        assertThat(new Money(1500, "JPY").display()).isEqualTo("1500 JPY");
        assertThatThrownBy(() -> new Money(-1, "CNY")).isInstanceOf(IllegalArgumentException.class);
    }
}
