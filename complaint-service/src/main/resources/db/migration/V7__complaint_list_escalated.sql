-- Cases taken outside the clinic or sent to HQ, for GET /complaints?escalated=EXTERNAL|HQ|ANY. ComplaintListProjection
-- sets both from the case's state with every change; the rows listed before this migration get them here from their
-- events, so no rebuild of the list is needed. Running the update again gives the same result.
alter table complaint_list
    add column escalated_externally boolean not null default false,
    add column escalated_to_hq      boolean not null default false;

update complaint_list l
set escalated_externally = x.externally,
    escalated_to_hq      = x.to_hq
from (select stream_id,
             bool_or(event_type = 'complaint.escalated-externally.v1') as externally,
             bool_or(event_type = 'complaint.escalated-to-hq.v1')      as to_hq
      from events
      where event_type in ('complaint.escalated-externally.v1', 'complaint.escalated-to-hq.v1')
      group by stream_id) x
where x.stream_id = l.id::text;

create index complaint_list_escalated_externally on complaint_list (filed_at desc) where escalated_externally;
create index complaint_list_escalated_to_hq on complaint_list (filed_at desc) where escalated_to_hq;
