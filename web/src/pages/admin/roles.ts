// The five roles and the scopes each fits (DESIGN.md §1, "A role fits its
// scope"); the grant form offers only scopes the chosen role fits.
export type ScopeKind = "organization" | "environment" | "resource";

export const ROLES: ReadonlyArray<{ role: string; scopes: readonly ScopeKind[]; summary: string }> = [
  { role: "OrganizationAdmin", scopes: ["organization"], summary: "everything in the organization" },
  { role: "AccountAdmin", scopes: ["organization"], summary: "accounts, keys and invitations" },
  { role: "EnvironmentAdmin", scopes: ["environment"], summary: "one environment: its resources and keys" },
  { role: "CloudClusterAdmin", scopes: ["resource"], summary: "one resource and its keys" },
  { role: "KeyVerifier", scopes: ["organization", "environment", "resource"], summary: "verifying keys (brokers)" },
];

export const SCOPE_KIND_LABELS: Record<ScopeKind, string> = {
  organization: "The organization",
  environment: "An environment",
  resource: "A resource",
};

export function scopesOf(role: string): readonly ScopeKind[] {
  return ROLES.find((r) => r.role === role)?.scopes ?? [];
}
