-- Every answer that showed a customer's personal data unmasked (name, phone, ID number, description, an evidence file):
-- who read it, when, which customer and case, through which operation. An auditor (privacy-officer) lists it with
-- GET /personal-data-reads. Kept apart from the encrypted data so that erasing a customer keeps the record of who read
-- their data before.
create table personal_data_reads (
    id           bigserial primary key,
    read_at      timestamptz not null,
    actor        text        not null,
    customer_ref text        not null,
    complaint_id uuid        not null,
    branch_id    text        not null,
    operation    text        not null
);
-- the list is newest first, by customer, reader or case, or all of it (the table grows with every unmasked read)
create index personal_data_reads_newest on personal_data_reads (read_at desc, id desc);
create index personal_data_reads_customer on personal_data_reads (customer_ref, read_at);
create index personal_data_reads_actor on personal_data_reads (actor, read_at);
create index personal_data_reads_complaint on personal_data_reads (complaint_id, read_at);
