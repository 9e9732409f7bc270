package clinic.followup.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The free text this service keeps about customers outside its events (call notes, survey comments): what may hold
 * health details. Erasing a customer deletes theirs; the tasks, surveys and scores stay.
 */
@ApplicationScoped
public class PersonalFreeText {

    private final EntityManager em;

    public PersonalFreeText(EntityManager em) {
        this.em = em;
    }

    /** Deletes the customer's call notes and survey comments; returns how many texts went. */
    public int erase(String customerRef) {
        return QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery("""
                        delete from call_notes where task_id in (select id from followup_tasks where customer_ref = ?1)""")
                .setParameter(1, customerRef).executeUpdate()
                + em.createNativeQuery("""
                        delete from survey_comments where survey_id in (select id from surveys where customer_ref = ?1)""")
                .setParameter(1, customerRef).executeUpdate());
    }
}
