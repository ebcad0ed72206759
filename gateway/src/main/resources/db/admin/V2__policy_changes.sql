-- Proposed changes to the access policy: the whole file before and after, who proposed it and why,
-- who approved or rejected it. A change is applied only when approved by another administrator and
-- only onto the version it was proposed against.
create table policy_changes (
    id               varchar(64)   primary key,
    proposer         varchar(128)  not null,
    reason           varchar(8000) not null,
    base_version     varchar(32)   not null,
    base_content     text          not null,
    proposed_version varchar(32)   not null,
    proposed_content text          not null,
    state            varchar(16)   not null,
    proposed_at      timestamp with time zone not null,
    decided_by       varchar(128),
    decided_at       timestamp with time zone,
    decision_comment varchar(8000)
);
create index policy_changes_by_state on policy_changes (state, proposed_at);
