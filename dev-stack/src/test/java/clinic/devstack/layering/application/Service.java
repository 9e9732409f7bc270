package clinic.devstack.layering.application;

import clinic.devstack.layering.projection.Projection;

/** The application, updating its projection (allowed). Fixture of LayeringRulesTest. */
public class Service {
    Projection projection;
}
