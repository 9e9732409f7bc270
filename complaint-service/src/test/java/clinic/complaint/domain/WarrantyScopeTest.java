package clinic.complaint.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class WarrantyScopeTest {

    static final LocalDate TODAY = LocalDate.parse("2026-06-30");
    /** Feedback 3 days, free correction 7, product warranty 90, guarantee 365. */
    static final WarrantyPolicy POLICY = WarrantyPolicy.DEFAULT;

    static WarrantyScope service(int daysAgo) {
        return WarrantyScope.of(Subject.SERVICE, TODAY.minusDays(daysAgo), TODAY, POLICY);
    }

    static WarrantyScope product(int daysAgo) {
        return WarrantyScope.of(Subject.PRODUCT, TODAY.minusDays(daysAgo), TODAY, POLICY);
    }

    @Test
    void a_service_falls_in_the_first_window_that_still_covers_it_each_last_day_included() {
        assertThat(service(0)).isEqualTo(new WarrantyScope(true, "feedback window (3 days)"));
        assertThat(service(3)).isEqualTo(new WarrantyScope(true, "feedback window (3 days)"));
        assertThat(service(4)).isEqualTo(new WarrantyScope(true, "free correction window (7 days)"));
        assertThat(service(7)).isEqualTo(new WarrantyScope(true, "free correction window (7 days)"));
        assertThat(service(8)).isEqualTo(new WarrantyScope(true, "after-sales guarantee (365 days)"));
        assertThat(service(365)).isEqualTo(new WarrantyScope(true, "after-sales guarantee (365 days)"));
    }

    @Test
    void a_service_after_its_guarantee_is_out_of_scope_and_says_by_how_much() {
        assertThat(service(366)).isEqualTo(new WarrantyScope(false,
                "outside the after-sales guarantee: 366 days after the service (365 allowed)"));
    }

    @Test
    void a_product_has_its_warranty_only_and_not_the_service_windows() {
        assertThat(product(2)).isEqualTo(new WarrantyScope(true, "product warranty (90 days)"));
        assertThat(product(90)).isEqualTo(new WarrantyScope(true, "product warranty (90 days)"));
        assertThat(product(91)).isEqualTo(new WarrantyScope(false,
                "outside the product warranty: 91 days after the sale (90 allowed)"));
    }

    @Test
    void the_branch_policy_sets_the_windows() {
        var strict = new WarrantyPolicy(1, 2, 30, 60);
        assertThat(WarrantyScope.of(Subject.SERVICE, TODAY.minusDays(61), TODAY, strict).inScope()).isFalse();
        assertThat(WarrantyScope.of(Subject.SERVICE, TODAY.minusDays(2), TODAY, strict).scope())
                .isEqualTo("free correction window (2 days)");
        assertThat(WarrantyScope.of(Subject.PRODUCT, TODAY.minusDays(31), TODAY, strict).inScope()).isFalse();
    }
}
