-- The append-only event store. It is also the outbox: the relay publishes its rows to Kafka.
create table events (
    global_position bigint generated always as identity primary key,
    -- the writing transaction: the relay reads only rows of transactions older than every one still running,
    -- so an event committed late is never skipped (see OutboxRelay)
    transaction_id  xid8        not null default pg_current_xact_id(),
    event_id        uuid        not null unique,
    stream_id       text        not null,
    version         integer     not null check (version > 0),
    event_type      text        not null,
    payload         jsonb       not null,
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null default clock_timestamp(),
    branch_id       text,
    actor           text,
    correlation_id  uuid        not null,
    causation_id    uuid,
    constraint events_stream_version unique (stream_id, version)
);

create index events_relay_order on events (transaction_id, global_position);

-- Nobody rewrites history.
create function events_are_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'events are append-only (% refused)', tg_op;
end $$;
create trigger events_append_only before update or delete or truncate on events
    for each statement execute function events_are_append_only();

-- Wakes the relay as soon as a transaction that appended events commits (NOTIFY is delivered on commit).
create function events_notify_appended() returns trigger language plpgsql as $$
begin
    perform pg_notify('events_appended', '');
    return null;
end $$;
create trigger events_appended after insert on events
    for each statement execute function events_notify_appended();

-- How far each relay has published: the (transaction, position) of the last event the broker acknowledged.
create table outbox_checkpoints (
    relay               text        primary key,
    last_transaction_id xid8        not null default '0',
    last_position       bigint      not null default 0,
    published           bigint      not null default 0,
    updated_at          timestamptz not null default now()
);

-- Consumers' inbox: an event id recorded here in the same transaction as the consumer's effect has had its effect.
create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
