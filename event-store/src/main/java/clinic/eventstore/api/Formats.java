package clinic.eventstore.api;

/**
 * The text forms every service reads the same way, as regular expressions for {@code @Pattern} and {@code matches}
 * (the published intake schemas spell the same forms for branch systems).
 */
public final class Formats {

    /** A branch code: {@code SH001}. */
    public static final String BRANCH_CODE = "[A-Z0-9][A-Z0-9-]{1,15}";
    /** A reference to someone kept elsewhere (a customer): letters, digits and {@code ._:-}, never a name. */
    public static final String REFERENCE = "[A-Za-z0-9._:-]+";
    /**
     * A decimal amount in a currency's units, in ASCII digits: at most 11 before the point (10^13 minor units, the
     * ceiling of every amount) and 4 after it.
     */
    public static final String AMOUNT = "[0-9]{1,11}([.][0-9]{1,4})?";

    private Formats() {
    }
}
