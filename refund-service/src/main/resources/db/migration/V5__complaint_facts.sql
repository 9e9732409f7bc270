-- What refund-service knows of each complaint from complaint-events (ComplaintFacts): enough to open the complaint's
-- refund case when a refund remedy is proposed or agreed later, to date a goods refund, and to follow the third-party
-- assessment. A customer reference, never a name or a number.
create table complaint_facts (
    complaint_id       uuid primary key,
    branch_id          text        not null,
    customer_ref       text        not null,
    amount_paid_minor  bigint      not null check (amount_paid_minor >= 0),
    currency           char(3)     not null,
    subject            text,
    assessment_finding text,
    assessor           text,
    assessed_at        timestamptz
);
