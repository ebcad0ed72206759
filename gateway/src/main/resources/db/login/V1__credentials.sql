-- What handlers have proven and how their logins are going. Who they are (name, roles, status)
-- comes from the directory; these tables hold only credentials and counters. Written for both
-- PostgreSQL (production) and the embedded H2 database (PostgreSQL mode).

CREATE TABLE handler_credentials (
    user_id              VARCHAR(64)  PRIMARY KEY,
    password_hash        VARCHAR(256) NOT NULL,
    password_changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    must_change_password BOOLEAN      NOT NULL,
    failed_logins        INTEGER      NOT NULL DEFAULT 0,
    locked_until         TIMESTAMP WITH TIME ZONE,
    -- The TOTP secret, sealed (AES-256-GCM) under the gateway's login key; never stored in clear.
    totp_secret          VARCHAR(512),
    totp_enrolled_at     TIMESTAMP WITH TIME ZONE,
    -- The last TOTP time step accepted: a code of this step or an earlier one is a replay.
    totp_last_step       BIGINT       NOT NULL DEFAULT 0
);

-- Earlier passwords, as hashes, so that a new password cannot repeat a recent one.
CREATE TABLE password_history (
    user_id       VARCHAR(64)  NOT NULL REFERENCES handler_credentials (user_id),
    password_hash VARCHAR(256) NOT NULL,
    retired_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX password_history_by_handler ON password_history (user_id, retired_at);

-- Single-use recovery codes for a lost authenticator, hashed.
CREATE TABLE recovery_codes (
    user_id   VARCHAR(64)  NOT NULL REFERENCES handler_credentials (user_id),
    code_hash VARCHAR(256) NOT NULL,
    used_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (user_id, code_hash)
);

-- Failed logins per client address, whatever user ID they named: limits guessing across accounts.
CREATE TABLE address_failures (
    address       VARCHAR(45) PRIMARY KEY,
    failures      INTEGER     NOT NULL,
    blocked_until TIMESTAMP WITH TIME ZONE
);
