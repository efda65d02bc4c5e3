-- One person, one applicant account: a citizen's resident ID number, and a
-- company's unified social credit code, belong to one applicant account.
-- The primary key makes two registrations racing for one number end with
-- one account (internal/org/identity.go).
--
-- Existing duplicates: the oldest account holding a number keeps it; later
-- ones stay as they are (they can log in and their cases are untouched) but
-- hold no claim, so nothing more can be registered under the number and an
-- administrator can find them with
--   SELECT id, username FROM users u WHERE role = 'applicant' AND NOT EXISTS
--     (SELECT 1 FROM applicant_identities a WHERE a.user_id = u.id);
-- A company's legal representative's ID number is not claimed: one person
-- may represent several companies and hold their own citizen account.
CREATE TABLE applicant_identities (
    kind    TEXT NOT NULL,
    value   TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (kind, value)
);
CREATE INDEX applicant_identities_user ON applicant_identities(user_id);

INSERT INTO applicant_identities (kind, value, user_id)
SELECT 'id_number', id_number, MIN(id) FROM users
WHERE role = 'applicant' AND applicant_kind = 'citizen' AND id_number <> ''
GROUP BY id_number;

INSERT INTO applicant_identities (kind, value, user_id)
SELECT 'credit_code', credit_code, MIN(id) FROM users
WHERE role = 'applicant' AND applicant_kind = 'company' AND credit_code <> ''
GROUP BY credit_code;
