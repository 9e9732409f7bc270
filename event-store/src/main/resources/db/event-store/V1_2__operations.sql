-- The W3C trace context (traceparent) of the request or message that appended each event, so that the relay can carry
-- it in the CloudEvents envelope (ce_traceparent) and one request can be followed across the services. Null for an
-- event appended outside a traced request (before this column existed, or by a job that started no trace).
alter table events add column trace_parent text;

-- Operations find a case's story in each service by its correlation, which a case keeps from its first event.
create index events_correlation on events (correlation_id);
