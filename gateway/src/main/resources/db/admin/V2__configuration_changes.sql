-- Proposed changes to the access policy or the directory of handlers: the whole file before and
-- after, who proposed it and why, who approved or rejected it. A change is applied only when
-- approved by another administrator and only onto the version it was proposed against.
create table configuration_changes (
    id               varchar(64)   primary key,
    target           varchar(16)   not null,  -- policy, directory
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
create index configuration_changes_by_target on configuration_changes (target, state, proposed_at);
