-- Just-in-time elevation of administrators (R12): an administrator asks for a few hours in which
-- to change what administrators change; another approves; it ends by itself.
create table elevations (
    id           varchar(64)   primary key,
    administrator varchar(128) not null,
    reason       varchar(8000) not null,
    hours        int           not null,
    state        varchar(16)   not null,  -- pending, approved, rejected, ended
    requested_at timestamp with time zone not null,
    decided_by   varchar(128),
    decided_at   timestamp with time zone,
    comment      varchar(8000),
    ends_at      timestamp with time zone
);
create index elevations_by_administrator on elevations (administrator, state, ends_at);
