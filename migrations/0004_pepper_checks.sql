-- The pepper's check value (crypto::SecretHasher::PepperCheck:
-- HMAC-SHA256(pepper, 'keyward pepper check v1')), stored by the first
-- keywardd serve or bootstrap against this database and compared on every
-- later start, so a changed or mistyped pepper stops keywardd with a message
-- instead of making every key silently fail. Never the pepper itself.
-- One row per pepper id: today only pepper 1 exists; pepper rotation (see
-- the README) would add a row per new pepper.
CREATE TABLE pepper_checks (
  pepper_id integer PRIMARY KEY CHECK (pepper_id >= 1),
  check_value bytea NOT NULL CHECK (octet_length(check_value) = 32),
  create_time timestamptz NOT NULL DEFAULT now()
);
