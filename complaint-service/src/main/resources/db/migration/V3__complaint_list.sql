-- Read model: one row per case for lists, filters and dashboards (ComplaintListProjection); rebuildable.
create table complaint_list (
    id                uuid primary key,
    case_number       text        not null,
    branch_id         text        not null,
    status            text        not null,
    category          text        not null,
    channel           text        not null,
    severity          text,
    owner             text,
    requested_remedy  text        not null,
    amount_paid_minor bigint      not null,
    currency          char(3)     not null,
    waiting_on        text,
    open_escalations  integer     not null,
    reopen_count      integer     not null,
    filed_at          timestamptz not null,
    acknowledged_at   timestamptz,
    resolved_at       timestamptz,
    closed_at         timestamptz,
    version           bigint      not null
);
create index complaint_list_branch_filed on complaint_list (branch_id, filed_at desc);
create index complaint_list_status_filed on complaint_list (status, filed_at desc);
create unique index complaint_list_case_number on complaint_list (case_number);
