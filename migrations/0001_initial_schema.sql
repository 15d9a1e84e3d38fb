-- Keyward's initial schema. Constraints, not application checks, guard the
-- domain rules of DESIGN.md §1; cascades ride on foreign keys.

CREATE TABLE environments (
  id           text PRIMARY KEY CHECK (id ~ '^env-[a-z0-9]{8}$'),
  display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 1024),
  stage        text NOT NULL CHECK (stage ~ '^[a-z][a-z0-9-]{0,31}$'),
  create_time  timestamptz NOT NULL DEFAULT now(),
  update_time  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX environments_page ON environments (create_time, id);

CREATE TABLE accounts (
  id           text PRIMARY KEY,
  type         text NOT NULL CHECK (type IN ('USER', 'SERVICE_ACCOUNT')),
  display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 1024),
  description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 1024),
  email        text CHECK (char_length(email) BETWEEN 3 AND 254),
  create_time  timestamptz NOT NULL DEFAULT now(),
  update_time  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT accounts_id_matches_type CHECK (
    (type = 'USER' AND id ~ '^u-[a-z0-9]{8}$') OR
    (type = 'SERVICE_ACCOUNT' AND id ~ '^sa-[a-z0-9]{8}$')),
  CONSTRAINT accounts_email_only_for_users CHECK ((type = 'USER') = (email IS NOT NULL))
);
CREATE UNIQUE INDEX accounts_email_unique ON accounts (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX accounts_page ON accounts (create_time, id);

CREATE TABLE resources (
  id             text PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('KAFKA_CLUSTER', 'SCHEMA_REGISTRY', 'KSQLDB_APP', 'FLINK_REGION')),
  environment_id text NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
  display_name   text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 1024),
  cloud          text NOT NULL CHECK (cloud ~ '^[a-z][a-z0-9-]{0,31}$'),
  region         text NOT NULL CHECK (region ~ '^[a-z][a-z0-9-]{0,63}$'),
  create_time    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT resources_id_matches_kind CHECK (
    (kind = 'KAFKA_CLUSTER' AND id ~ '^lkc-[a-z0-9]{8}$') OR
    (kind = 'SCHEMA_REGISTRY' AND id ~ '^lsrc-[a-z0-9]{8}$') OR
    (kind = 'KSQLDB_APP' AND id ~ '^lksqlc-[a-z0-9]{8}$') OR
    (kind = 'FLINK_REGION' AND id ~ '^lfr-[a-z0-9]{8}$'))
);
CREATE UNIQUE INDEX resources_one_schema_registry_per_environment
  ON resources (environment_id) WHERE kind = 'SCHEMA_REGISTRY';
CREATE INDEX resources_page ON resources (create_time, id);
CREATE INDEX resources_by_environment ON resources (environment_id, create_time, id);

-- resource_id NULL is a Cloud key (the API spells it "cloud"): a foreign key
-- can then cascade resource deletes to the keys on them.
CREATE TABLE api_keys (
  id             text PRIMARY KEY CHECK (id ~ '^[A-Z0-9]{16}$'),
  owner_id       text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  resource_id    text REFERENCES resources (id) ON DELETE CASCADE,
  secret_hash    bytea NOT NULL CHECK (octet_length(secret_hash) = 32),
  display_name   text NOT NULL DEFAULT '' CHECK (char_length(display_name) <= 1024),
  description    text NOT NULL DEFAULT '' CHECK (char_length(description) <= 1024),
  created_by     text NOT NULL,
  create_time    timestamptz NOT NULL DEFAULT now(),
  update_time    timestamptz NOT NULL DEFAULT now(),
  expire_time    timestamptz,
  last_used_time timestamptz,
  CONSTRAINT api_keys_expire_after_create CHECK (expire_time IS NULL OR expire_time > create_time)
);
CREATE INDEX api_keys_page ON api_keys (create_time, id);
CREATE INDEX api_keys_by_owner ON api_keys (owner_id, resource_id);
CREATE INDEX api_keys_by_resource ON api_keys (resource_id);

-- scope is "organization", an environment id or a resource id; the matching
-- foreign key column removes the binding with its scope.
CREATE TABLE role_bindings (
  id                   text PRIMARY KEY CHECK (id ~ '^rb-[a-z0-9]{8}$'),
  principal_id         text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role                 text NOT NULL CHECK (role IN ('OrganizationAdmin', 'AccountAdmin', 'EnvironmentAdmin', 'CloudClusterAdmin', 'KeyVerifier')),
  scope                text NOT NULL,
  scope_environment_id text REFERENCES environments (id) ON DELETE CASCADE,
  scope_resource_id    text REFERENCES resources (id) ON DELETE CASCADE,
  create_time          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT role_bindings_scope_consistent CHECK (
    num_nonnulls(scope_environment_id, scope_resource_id) <= 1 AND
    scope = COALESCE(scope_environment_id, scope_resource_id, 'organization')),
  CONSTRAINT role_bindings_unique UNIQUE (principal_id, role, scope)
);
CREATE INDEX role_bindings_page ON role_bindings (create_time, id);

-- The audit trail outlives what it names: no foreign keys here.
CREATE TABLE audit_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  time            timestamptz NOT NULL DEFAULT now(),
  actor_id        text NOT NULL,
  action          text NOT NULL,
  target_id       text NOT NULL DEFAULT '',
  allowed         boolean NOT NULL,
  violations      jsonb NOT NULL DEFAULT '[]',
  warnings        jsonb NOT NULL DEFAULT '[]',
  decision_id     text NOT NULL DEFAULT '',
  validate_only   boolean NOT NULL DEFAULT false,
  request_summary jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_by_time ON audit_events (time, id);
CREATE INDEX audit_events_by_actor ON audit_events (actor_id, id);
CREATE INDEX audit_events_by_target ON audit_events (target_id, id);
