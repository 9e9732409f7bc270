package clinic.eventstore.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What HQ sees of a customer: enough to recognise a case, not to identify the person. */
class PersonalDataMaskTest {

    @Test
    void a_name_keeps_its_first_character() {
        assertThat(PersonalDataMask.name("王丽")).isEqualTo("王*");
        assertThat(PersonalDataMask.name("欧阳小明")).isEqualTo("欧***");
        assertThat(PersonalDataMask.name("王")).isEqualTo("王*");
        assertThat(PersonalDataMask.name("𠀀丽")).isEqualTo("𠀀*"); // a character outside the BMP is one character
        assertThat(PersonalDataMask.name(null)).isNull();
    }

    @Test
    void a_phone_number_keeps_three_digits_and_four() {
        assertThat(PersonalDataMask.phone("13812341234")).isEqualTo("138****1234");
        assertThat(PersonalDataMask.phone("+86 138 0000 1234")).isEqualTo("138****1234");
        assertThat(PersonalDataMask.phone("021-6123-4567")).isEqualTo("021****4567");
        assertThat(PersonalDataMask.phone("12345")).doesNotContain("123").endsWith("5");
    }

    @Test
    void an_id_number_keeps_its_region_and_its_last_four() {
        assertThat(PersonalDataMask.idNumber("110101199003071234")).isEqualTo("1101**********1234");
        assertThat(PersonalDataMask.idNumber("110101199003071234")).doesNotContain("19900307");
    }
}
