-- Approval process definitions (审批流程), one row per version. body is the
-- definition as JSON (the import/export format, read by flow.ParseDefinition).
-- A definition belongs to a department (department_id) or, with
-- department_id NULL, to a whole region (region_code), or with both NULL to
-- every region (shipped and demo processes). The application changes body
-- only while status = 'draft'; published and retired versions are immutable
-- because running cases keep the version they started on.
CREATE TABLE process_definitions (
    process_key   TEXT NOT NULL,
    version       INTEGER NOT NULL,
    name          TEXT NOT NULL,
    body          TEXT NOT NULL,
    status        TEXT NOT NULL,
    department_id BIGINT REFERENCES departments(id),
    region_code   TEXT REFERENCES regions(code),
    created_by    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    published_by  TEXT NOT NULL DEFAULT '',
    published_at  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (process_key, version)
);
CREATE INDEX process_definitions_status ON process_definitions(status);

-- Running process instances: flow's State as JSON. version is State.Version;
-- a save is UPDATE … WHERE version = the version loaded, so two concurrent
-- commands on one instance cannot both be saved.
CREATE TABLE process_instances (
    id              TEXT PRIMARY KEY,
    stream          TEXT NOT NULL,
    process_key     TEXT NOT NULL,
    process_version INTEGER NOT NULL,
    status          TEXT NOT NULL,
    version         BIGINT NOT NULL,
    state           TEXT NOT NULL,
    started_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    FOREIGN KEY (process_key, process_version) REFERENCES process_definitions(process_key, version)
);
CREATE INDEX process_instances_definition ON process_instances(process_key, process_version);

-- The task index for work queues, maintained in the transaction that changes
-- the instance's state. One row per task ever made; status follows flow's.
-- opened counts how often the task has opened (a sequential countersign
-- party sent back to the queue opens again), naming its step clock.
CREATE TABLE process_tasks (
    instance_id  TEXT NOT NULL REFERENCES process_instances(id),
    task_id      TEXT NOT NULL,
    node         TEXT NOT NULL,
    node_name    TEXT NOT NULL,
    department   TEXT NOT NULL,
    role         TEXT NOT NULL,
    assignee     TEXT NOT NULL,
    acting_for   TEXT NOT NULL,
    candidates   TEXT NOT NULL,
    status       TEXT NOT NULL,
    outcome      TEXT NOT NULL DEFAULT '',
    done_by      TEXT NOT NULL DEFAULT '',
    limit_days   INTEGER NOT NULL,
    opened       INTEGER NOT NULL,
    created_at   BIGINT NOT NULL,
    closed_at    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (instance_id, task_id)
);

-- Who sees an open task in a queue: kind 'u' rows name users (the assignee,
-- the absent user a deputy acts for, or each candidate), kind 'd' rows the
-- department codes. Rows exist only while the task is open.
CREATE TABLE process_task_holders (
    kind        TEXT NOT NULL,
    holder      TEXT NOT NULL,
    instance_id TEXT NOT NULL,
    task_id     TEXT NOT NULL,
    PRIMARY KEY (kind, holder, instance_id, task_id)
);
CREATE INDEX process_task_holders_task ON process_task_holders(instance_id, task_id);

-- Delegations (授权): deputy stands in for username from from_at
-- (inclusive) to to_at (exclusive). Ending one early moves to_at to the
-- moment it was ended and records who ended it.
CREATE TABLE delegations (
    id         {{id}},
    username   TEXT NOT NULL,
    deputy     TEXT NOT NULL,
    from_at    BIGINT NOT NULL,
    to_at      BIGINT NOT NULL,
    reason     TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    ended_by   TEXT NOT NULL DEFAULT '',
    ended_at   BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX delegations_user ON delegations(username, to_at);
CREATE INDEX delegations_to ON delegations(to_at);
