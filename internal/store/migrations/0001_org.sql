-- Regions form a tree; path is the chain of codes from the root, e.g.
-- /320000/320100/320102/, so "this region and everything under it" is a
-- prefix match.
CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    level       TEXT NOT NULL,
    parent_code TEXT REFERENCES regions(code),
    path        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE departments (
    id          {{id}},
    code        TEXT NOT NULL UNIQUE,
    region_code TEXT NOT NULL REFERENCES regions(code),
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL
);
CREATE INDEX departments_region ON departments(region_code);

CREATE TABLE centres (
    id          {{id}},
    region_code TEXT NOT NULL REFERENCES regions(code),
    parent_id   BIGINT REFERENCES centres(id),
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    UNIQUE (region_code, name)
);

CREATE TABLE windows (
    id            {{id}},
    centre_id     BIGINT NOT NULL REFERENCES centres(id),
    department_id BIGINT REFERENCES departments(id),
    number        TEXT NOT NULL,
    name          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    UNIQUE (centre_id, number)
);
