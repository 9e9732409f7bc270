-- Read model: one row per recorded order (purchase facts), folded from the purchase events; rebuildable.
create table purchases (
    id            uuid primary key,
    branch_id     text        not null,
    order_no      text        not null,
    customer_ref  text        not null,
    currency      char(3)     not null,
    paid_minor    bigint      not null check (paid_minor >= 0),
    purchased_at  timestamptz not null,
    version       bigint      not null,
    unique (branch_id, order_no)
);
create index purchases_customer on purchases (customer_ref, purchased_at);

-- The refund list is filtered by the amount at stake (agreed, else last offer, else what was paid).
alter table refund_cases add column amount_minor bigint;
update refund_cases set amount_minor = coalesce(agreed_minor, amount_paid_minor);
alter table refund_cases alter column amount_minor set not null;
create index refund_cases_status on refund_cases (status, requested_at);
