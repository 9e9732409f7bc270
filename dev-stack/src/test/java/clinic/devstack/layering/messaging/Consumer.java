package clinic.devstack.layering.messaging;

import clinic.devstack.layering.api.Request;

/** A consumer breaking (b): it reads messages as the api's request. Fixture of LayeringRulesTest. */
public class Consumer {
    public String consume(Request request) {
        return request.text();
    }
}
