-- HQ's read models, one row per complaint, refund case, follow-up task and survey, kept by the folds of hq-service's
-- own store (clinic.hq.domain.*Insight) and rebuilt from it. No personal data: no customer, no free text.

-- Each measure reads one index range (the period) and, where it can, only the index: the columns it counts are
-- included in the index (index-only scans, once autovacuum has marked the pages all-visible).
create table hq_cases (
    complaint_id      uuid primary key,
    case_number       text,
    branch_id         text,
    channel           text,
    category          text,
    severity          text,
    status            text,
    filed_at          timestamptz,
    acknowledged_at   timestamptz,
    ack_used_seconds  bigint,
    ack_target_seconds bigint,
    ack_met           boolean,
    acknowledge_sla   text,
    resolve_sla       text,
    reopen_count      int not null default 0,
    first_resolved_at timestamptz,
    closed_at         timestamptz,
    escalations       int not null default 0,
    version           bigint not null
);
create index hq_cases_filed on hq_cases (filed_at, branch_id) include (category, channel, severity);
create index hq_cases_acknowledged on hq_cases (acknowledged_at, branch_id) include (ack_used_seconds, ack_met);
create index hq_cases_first_resolved on hq_cases (first_resolved_at, branch_id) include (reopen_count);
create index hq_cases_open on hq_cases (branch_id) where status = 'OPEN';

-- every resolution (a reopened case is resolved again: cycle 1, 2, ...), with the resolve clock as it stopped
create table hq_resolutions (
    complaint_id   uuid not null,
    cycle          int not null,
    branch_id      text,
    resolved_at    timestamptz not null,
    used_seconds   bigint,
    target_seconds bigint,
    met            boolean,
    primary key (complaint_id, cycle)
);
create index hq_resolutions_at on hq_resolutions (resolved_at, branch_id) include (used_seconds, met);

-- the SLA warnings complaint-service raised: at risk, breached
create table hq_sla_warnings (
    complaint_id uuid not null,
    clock        text not null,
    cycle        int not null,
    level        text not null,
    branch_id    text,
    raised_at    timestamptz not null,
    primary key (complaint_id, clock, cycle, level)
);
create index hq_sla_warnings_at on hq_sla_warnings (raised_at, branch_id) include (level, clock);

create table hq_escalations (
    escalation_id uuid primary key,
    complaint_id  uuid not null,
    branch_id     text,
    body          text not null,
    escalated_at  timestamptz not null,
    concluded_at  timestamptz
);
create index hq_escalations_at on hq_escalations (escalated_at, branch_id) include (body, concluded_at);
create index hq_escalations_case on hq_escalations (complaint_id);

create table hq_refunds (
    refund_id       uuid primary key,
    complaint_id    uuid,
    branch_id       text,
    status          text not null,
    opened_at       timestamptz,
    currency        text,
    agreed_minor    bigint,
    agreed_at       timestamptz,
    due_date        date,
    paid_minor      bigint,
    settled_at      timestamptz,
    overdue_since   timestamptz,
    version         bigint not null
);
create index hq_refunds_opened on hq_refunds (opened_at, branch_id);
create index hq_refunds_agreed on hq_refunds (agreed_at, branch_id) include (currency, agreed_minor);
create index hq_refunds_settled on hq_refunds (settled_at, branch_id) include (currency, paid_minor);
create index hq_refunds_overdue on hq_refunds (branch_id, overdue_since) where status = 'AGREED' and overdue_since is not null;
create index hq_refunds_case on hq_refunds (complaint_id);

create table hq_followups (
    task_id      uuid primary key,
    complaint_id uuid,
    branch_id    text,
    kind         text,
    due_at       timestamptz,
    status       text not null,
    last_outcome text,
    calls        int not null default 0,
    ended_at     timestamptz,
    version      bigint not null
);
create index hq_followups_due on hq_followups (due_at, branch_id) include (status);
create index hq_followups_case on hq_followups (complaint_id);

create table hq_surveys (
    survey_id    uuid primary key,
    complaint_id uuid,
    branch_id    text,
    status       text not null,
    scheduled_at timestamptz,
    sent_at      timestamptz,
    answered_at  timestamptz,
    csat         int,
    nps          int,
    version      bigint not null
);
create index hq_surveys_sent on hq_surveys (sent_at, branch_id) include (answered_at, csat, nps);
create index hq_surveys_case on hq_surveys (complaint_id);

-- how far each topic partition has been applied: what the freshness of the dashboard is measured from
create table hq_topic_positions (
    topic       text not null,
    partition   int not null,
    next_offset bigint not null,
    event_time  timestamptz,             -- of the newest event applied (null: only unreadable or repeated messages yet)
    applied_at  timestamptz not null,
    primary key (topic, partition)
);
