-- The responsible person's review of each exception invoked (break-glass access), after the fact:
-- one review per access record, by someone other than the handler who invoked it.
create table exception_reviews (
    chain        varchar(128)  not null,
    seq          bigint        not null,
    handler      varchar(128)  not null,
    exception    varchar(64)   not null,
    outcome      varchar(16)   not null,
    reviewer     varchar(128)  not null,
    reviewed_at  timestamp with time zone not null,
    comment      varchar(8000) not null,
    primary key (chain, seq)
);
