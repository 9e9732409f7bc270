package clinic.devstack.layering.projection;

import clinic.devstack.layering.application.Service;

/** A projection breaking (c): it calls back into the application. Fixture of LayeringRulesTest. */
public class Projection {
    Service service;
}
