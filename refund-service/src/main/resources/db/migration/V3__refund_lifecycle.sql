-- The refund list follows the whole case: agreement, payments, the overdue alarm.
alter table refund_cases
    add column agreed_minor bigint,
    add column due_date     date,
    add column paid_minor   bigint  not null default 0,
    add column overdue      boolean not null default false;
create index refund_cases_overdue on refund_cases (overdue) where overdue;
