-- Personal data is kept encrypted with a key per customer; erasing a customer deletes the key (crypto-shredding):
-- the ciphertext stays but can no longer be read, and the case history is untouched.
create table customer_keys (
    customer_ref text primary key,
    -- the customer's AES-256 key, itself encrypted (AES-GCM) with the service's master key
    wrapped_key  bytea       not null,
    created_at   timestamptz not null
);

create table customer_erasures (
    customer_ref text primary key,
    erased_at    timestamptz not null,
    erased_by    text        not null
);

alter table complaint_personal_details
    drop column customer_name,
    drop column customer_phone,
    drop column description,
    add column name_enc        bytea,
    add column phone_enc       bytea,
    add column id_number_enc   bytea,
    add column description_enc bytea;
