package clinic.complaint.application;

/** A case's personal data in the clear, or marked erased when the customer's key is gone. */
public record PersonalData(String name, String phone, String idNumber, String description, boolean erased) {

    public static final PersonalData ERASED = new PersonalData(null, null, null, null, true);
    public static final PersonalData NONE = new PersonalData(null, null, null, null, false);
}
