package clinic.devstack.layering.api;

/** An HTTP request body. Fixture of LayeringRulesTest. */
public record Request(String text) {
}
