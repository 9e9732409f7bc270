package clinic.followup.application;

import clinic.eventstore.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;

/** Customers' wishes not to be contacted: no calls are scheduled for them, and no surveys sent. */
@ApplicationScoped
public class ContactPreferences {

    private final EntityManager em;
    private final AgroalDataSource dataSource;

    public ContactPreferences(EntityManager em, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /**
     * Asked for every complaint filed, inside the consumer's poll transaction: a plain statement on it (Sql).
     */
    public boolean doNotContact(String customerRef) {
        if (customerRef == null) {
            return false;
        }
        return QuarkusTransaction.joiningExisting().call(() -> Sql.first(dataSource,
                "select true from contact_preferences where customer_ref = ? and do_not_contact", r -> true,
                customerRef) != null);
    }

    public void set(String customerRef, boolean doNotContact, String by, Instant at) {
        QuarkusTransaction.joiningExisting().run(() -> em.createNativeQuery("""
                        insert into contact_preferences (customer_ref, do_not_contact, changed_by, changed_at)
                        values (?1, ?2, ?3, ?4)
                        on conflict (customer_ref) do update set do_not_contact = excluded.do_not_contact,
                            changed_by = excluded.changed_by, changed_at = excluded.changed_at""")
                .setParameter(1, customerRef).setParameter(2, doNotContact).setParameter(3, by)
                .setParameter(4, Timestamp.from(at)).executeUpdate());
    }
}
