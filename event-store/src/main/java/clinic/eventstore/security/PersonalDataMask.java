package clinic.eventstore.security;

/**
 * Personal data as those outside the branch handling a case see it: enough to recognise a case on the phone, not to
 * identify the customer. {@code 王小明} → {@code 王**}, {@code 13812341234} → {@code 138****1234}, an ID number keeps its
 * first and last four characters.
 */
public final class PersonalDataMask {

    private PersonalDataMask() {
    }

    /** The first character, then one {@code *} per character left (王* for 王五, J*** for John). */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /**
     * A phone number's digits, 3 kept at the start and 4 at the end (138****1234), without China's country code and
     * the formatting ({@code +86 138 0000 1234} too is 138****1234); a short number keeps less.
     */
    public static String phone(String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return keepEnds(digits.isEmpty() ? phone : digits, 3, 4);
    }

    /** An ID number's first and last four characters (1101**********1234): the region and the check, no birth date. */
    public static String idNumber(String idNumber) {
        return keepEnds(idNumber, 4, 4);
    }

    private static String keepEnds(String value, int head, int tail) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        int n = value.length();
        if (n <= head + tail) { // too short to keep both ends and hide anything: keep only the last two at most
            int keep = Math.min(2, n / 3);
            return "*".repeat(n - keep) + value.substring(n - keep);
        }
        return value.substring(0, head) + "*".repeat(n - head - tail) + value.substring(n - tail);
    }
}
