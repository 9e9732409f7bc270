-- Follow-up work: the task list grows what the work queue needs; surveys, what this service knows of complaints,
-- customers' contact wishes, and the free text that stays out of events (call notes, survey comments).
alter table followup_tasks
    alter column complaint_id drop not null,
    add column purchase_id uuid,
    add column day         integer not null default 0,
    add column attempts    integer not null default 0,
    add column assigned_to text,
    add column last_outcome text;
create index followup_tasks_queue on followup_tasks (branch_id, status, due_at);
create index followup_tasks_customer on followup_tasks (customer_ref) where status in ('SCHEDULED', 'DUE', 'ASSIGNED');

-- Read model: one row per case survey (SurveysProjection); rebuildable.
create table surveys (
    id           uuid primary key,
    complaint_id uuid        not null unique,
    branch_id    text,
    customer_ref text,
    token        text        not null unique,
    status       text        not null,
    send_at      timestamptz not null,
    expires_at   timestamptz,
    csat         integer,
    nps          integer,
    version      bigint      not null
);
create index surveys_due on surveys (status, send_at);

-- What this service knows of each complaint, from complaint-events: whose it is and which cycle it is in.
create table complaint_cases (
    complaint_id uuid primary key,
    branch_id    text    not null,
    customer_ref text,
    cycle        integer not null default 0,
    status       text    not null
);

-- A customer's wish not to be contacted: no calls, no surveys.
create table contact_preferences (
    customer_ref   text primary key,
    do_not_contact boolean     not null,
    changed_by     text        not null,
    changed_at     timestamptz not null
);

-- Free text that may hold health details: kept here, never in an event.
create table call_notes (
    task_id     uuid        not null,
    attempt     integer     not null,
    notes       text        not null,
    recorded_at timestamptz not null,
    primary key (task_id, attempt)
);
create table survey_comments (
    survey_id   uuid primary key,
    comment     text        not null,
    recorded_at timestamptz not null
);
