-- Read model: one row per refund case, folded from the refund events (RefundCasesProjection); rebuildable.
create table refund_cases (
    id                uuid primary key,
    complaint_id      uuid        not null,
    branch_id         text,
    status            text        not null,
    kind              text        not null,
    amount_paid_minor bigint      not null check (amount_paid_minor >= 0),
    currency          char(3)     not null,
    requested_at      timestamptz not null,
    version           bigint      not null
);
create index refund_cases_complaint on refund_cases (complaint_id);
create index refund_cases_branch on refund_cases (branch_id, requested_at);
