-- Evidence files the service keeps (photos, videos, medical certificates...): encrypted with the customer's key, so
-- erasing the customer erases them too. The SHA-256 of the content is in the case's evidence-added event.
create table evidence_files (
    evidence_id  uuid primary key,
    complaint_id uuid        not null,
    content_type text        not null,
    size_bytes   bigint      not null,
    content_enc  bytea       not null,
    stored_at    timestamptz not null
);
create index evidence_files_complaint on evidence_files (complaint_id);
