-- Invitations (AccountService.CreateInvitation / RedeemInvitation): a
-- single-use, expiring token for a user account, stored only as its keyed
-- hash (HMAC-SHA256 under the pepper, like key secrets). redeem_time is NULL
-- until the token is used; redeeming sets it with a conditional UPDATE in
-- the transaction that creates the key, so a token is used at most once.

CREATE TABLE invitations (
  token_hash  bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  -- Only user accounts are invited: ids of users, and only users', start
  -- with "u-" (accounts_id_matches_type).
  account_id  text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE
              CHECK (account_id ~ '^u-[a-z0-9]{8}$'),
  created_by  text NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now(),
  expire_time timestamptz NOT NULL,
  redeem_time timestamptz,
  CONSTRAINT invitations_expire_after_create CHECK (expire_time > create_time)
);
-- At most one outstanding invitation per account: a new one replaces it.
CREATE UNIQUE INDEX invitations_one_outstanding_per_account
  ON invitations (account_id) WHERE redeem_time IS NULL;
-- For the cascade from accounts, whatever the state.
CREATE INDEX invitations_by_account ON invitations (account_id);
