package clinic.devstack.layering.domain;

import clinic.devstack.layering.application.Service;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A domain class breaking (a) and (d): it uses Kafka and the application. Fixture of LayeringRulesTest. */
public class Decider {
    ProducerRecord<String, String> record;
    Service service;
}
