-- A role is bound only at scopes it fits (services/domain/roles.cc, the
-- `roles` table of policy/keyward/authorization.rego): OrganizationAdmin and
-- AccountAdmin at the organization, EnvironmentAdmin at an environment,
-- CloudClusterAdmin at a resource, KeyVerifier anywhere. NOT VALID: rows
-- written before this rule stay (they grant nothing: keywardd and the policy
-- ignore a binding at a scope its role does not fit), new ones must fit.
ALTER TABLE role_bindings ADD CONSTRAINT role_bindings_role_fits_scope CHECK (
  CASE role
    WHEN 'OrganizationAdmin' THEN scope = 'organization'
    WHEN 'AccountAdmin' THEN scope = 'organization'
    WHEN 'EnvironmentAdmin' THEN scope_environment_id IS NOT NULL
    WHEN 'CloudClusterAdmin' THEN scope_resource_id IS NOT NULL
    ELSE true
  END) NOT VALID;
