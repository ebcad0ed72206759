-- The audit trail: one chain of records per gateway instance, its signed checkpoints, and the
-- pseudonyms of the subjects each record touched (for "who touched this person's record?").

create table audit_record (
    chain             varchar(64)  not null,
    seq               bigint       not null,
    recorded_at       timestamp with time zone not null,
    event             varchar(16)  not null,
    handler           varchar(128),
    data_system       varchar(64),
    action            varchar(16),
    purpose           varchar(64),
    decision          varchar(8),
    exception_invoked boolean      not null,
    prev              char(64)     not null,
    hash              char(64)     not null,
    body              text          not null,
    primary key (chain, seq)
);

create index audit_record_time on audit_record (recorded_at, chain, seq);
create index audit_record_handler on audit_record (handler, recorded_at);
create index audit_record_data_system on audit_record (data_system, recorded_at);

create table audit_subject (
    subject varchar(64) not null,
    chain   varchar(64) not null,
    seq     bigint      not null,
    primary key (subject, chain, seq)
);

create table audit_checkpoint (
    chain varchar(64) not null,
    seq   bigint      not null,
    body  text         not null,
    primary key (chain, seq)
);

-- Written by a gateway that cannot commit records, to learn when its store commits again.
create table audit_probe (
    chain     varchar(64) not null primary key,
    probed_at timestamp with time zone not null
);
