-- Case numbers people read out: a counter per branch and year.
create table case_number_sequences (
    branch_id   text    not null,
    year        integer not null,
    last_number bigint  not null,
    primary key (branch_id, year)
);

-- Personal data kept out of the events (and so out of Kafka).
create table complaint_personal_details (
    complaint_id   uuid primary key,
    customer_ref   text not null,
    customer_name  text,
    customer_phone text,
    description    text
);
create index complaint_personal_details_customer on complaint_personal_details (customer_ref);

-- A filing request's Idempotency-Key and the case it created.
create table idempotency_keys (
    idempotency_key text primary key,
    request_hash    text        not null,
    complaint_id    uuid        not null,
    created_at      timestamptz not null
);
