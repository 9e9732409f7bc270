-- Read model: one row per follow-up task, folded from the follow-up events (FollowUpTasksProjection); rebuildable.
create table followup_tasks (
    id           uuid primary key,
    complaint_id uuid        not null,
    branch_id    text,
    customer_ref text,
    kind         text        not null,
    status       text        not null,
    due_at       timestamptz not null,
    scheduled_at timestamptz not null,
    version      bigint      not null
);
create index followup_tasks_complaint on followup_tasks (complaint_id);
create index followup_tasks_branch_due on followup_tasks (branch_id, due_at);
