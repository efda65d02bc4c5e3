-- The deployment's identity (南京市玄武区政务服务网): one row, kept by package site.
CREATE TABLE site_identity (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    region_code TEXT NOT NULL,
    contact     TEXT NOT NULL DEFAULT '',
    updated_by  TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
