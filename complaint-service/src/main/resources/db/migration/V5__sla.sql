-- When the SLA scheduler looks at a case next: the earliest at-risk or due moment not yet raised of a running clock.
-- Written in the transaction of each step (from the case's state), so it survives restarts and is never stale.
create table sla_schedule (
    complaint_id  uuid primary key,
    next_check_at timestamptz not null
);
create index sla_schedule_due on sla_schedule (next_check_at);

alter table complaint_list add column sla_state text;
create index complaint_list_sla_state on complaint_list (sla_state) where sla_state is not null;
