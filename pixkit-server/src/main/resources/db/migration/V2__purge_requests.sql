-- Cache purge requests (POST /v1/files/purge); purges complete synchronously, rows answer status queries.
CREATE TABLE purge_requests (
    request_id VARCHAR(24)  NOT NULL PRIMARY KEY,
    url        TEXT         NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    purged     INTEGER      NOT NULL,
    created_at BIGINT       NOT NULL
);
