-- One row per stream, written first by every append (EventStore.append), before the events themselves.
--
-- It makes two things structural that callers had to remember before:
-- * the expected version is checked on this row (under its row lock), so of two concurrent appends at the same
--   version exactly one wins, and a stream that must not exist yet is refused here;
-- * a stream's events are published in their order: the relay publishes in the order transactions obtained their ids,
--   so a stream's next append must come from a transaction whose id is newer than the last one that appended to it.
--   An append from an older transaction (one that wrote something else before it read the stream, while another
--   transaction appended to the same stream and committed) is refused as out of order, and the command is simply run
--   again in a new transaction. Callers may therefore write anything in any order in an appending transaction: a
--   consumer's effect and its inbox row, a case number, two streams.
--
-- {@code position} numbers streams in the order they began: what a read model is rebuilt in, a batch at a time,
-- resumable from the last position done. {@code type} is the stream's first event type: the kind of stream.
create table streams (
    position            bigint generated always as identity unique,
    stream_id           text   primary key,
    type                text   not null,
    version             integer not null check (version > 0),
    last_transaction_id xid8   not null
);

-- (a rebuild reads the streams of its kinds along the position index, a batch at a time, filtering by type)

insert into streams (stream_id, type, version, last_transaction_id)
select e.stream_id,
       (array_agg(e.event_type order by e.version))[1],
       max(e.version),
       (array_agg(e.transaction_id order by e.version desc))[1]
from events e
group by e.stream_id
order by min(e.global_position);

-- Where each read model's latest rebuild is: the streams are rebuilt in their order, a batch per transaction, and
-- each batch moves {@code position} to the last stream it wrote, so a rebuild that stopped goes on from there.
create table read_model_rebuilds (
    read_model    text        primary key,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    position      bigint      not null default 0,
    streams_done  bigint      not null default 0,
    streams_total bigint      not null,
    events_done   bigint      not null default 0,
    events_total  bigint      not null,
    updated_at    timestamptz not null default now()
);
