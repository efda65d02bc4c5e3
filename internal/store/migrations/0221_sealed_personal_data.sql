-- Personal data is sealed at rest (internal/seal): users.id_number and
-- users.mobile hold SM4-GCM ciphertexts, so an index on id_number finds
-- nothing. Lookups by ID number go by a keyed hash (HMAC-SM3) instead,
-- kept beside it; applicant_identities holds the same hash for a citizen's
-- claim. The key is not in the database, so rows written before this
-- migration are sealed and hashed by the server when it starts
-- (org.SealStored, casework.SealStored), not here.
ALTER TABLE users ADD COLUMN id_number_hash TEXT NOT NULL DEFAULT '';
DROP INDEX users_id_number;
CREATE INDEX users_id_number_hash ON users(id_number_hash);
