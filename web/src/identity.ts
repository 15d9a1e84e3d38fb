// The signed-in caller: its account and role bindings, read once at sign-in
// with the caller's own credentials (a caller may always read its own key and
// account; role bindings it cannot list count as none).
import { createContext, useContext } from "react";
import { answer, fetched, type Account, type Api, type RoleBinding } from "./api/client";
import { ApiError, Code } from "./api/errors";
import type { Credentials } from "./session";

export interface Identity {
  credentials: Credentials;
  account: Account;
  roleBindings: RoleBinding[];
}

export type AdminPage = "service-accounts" | "role-bindings" | "audit";

/**
 * The roles, bound at the organization, that each admin page is for. keywardd
 * shows every account (with its role bindings) and every audit event only to
 * a role bound at the organization that manages something
 * (services/domain/roles.cc, ReadScope::Of): OrganizationAdmin and
 * AccountAdmin. To an EnvironmentAdmin or a CloudClusterAdmin these pages
 * would show only its own account and events. Creating and deleting service
 * accounts takes either role; granting and removing roles takes
 * OrganizationAdmin (policy/keyward/authorization.rego), which the grant
 * form's policy check tells an AccountAdmin before it submits.
 */
const ADMIN_PAGE_ROLES: Record<AdminPage, readonly string[]> = {
  "service-accounts": ["OrganizationAdmin", "AccountAdmin"],
  "role-bindings": ["OrganizationAdmin", "AccountAdmin"],
  audit: ["OrganizationAdmin", "AccountAdmin"],
};

export function rolesFor(page: AdminPage): readonly string[] {
  return ADMIN_PAGE_ROLES[page];
}

export function mayOpen(identity: Identity, page: AdminPage): boolean {
  return identity.roleBindings.some(
    (binding) => binding.scope === "organization" && ADMIN_PAGE_ROLES[page].includes(binding.role ?? ""),
  );
}

export async function loadIdentity(api: Api, credentials: Credentials): Promise<Identity> {
  const key = await fetched(api.GET("/v1/api-keys/{id}", { params: { path: { id: credentials.keyId } } }));
  if (key.resourceId !== "cloud") {
    throw new ApiError(400, Code.InvalidArgument, "the portal signs in with a Cloud API key, not a resource key");
  }
  const account = await fetched(api.GET("/v1/accounts/{id}", { params: { path: { id: key.ownerId ?? "" } } }));
  let roleBindings: RoleBinding[] = [];
  try {
    const { data } = await answer(
      api.GET("/v1/role-bindings", { params: { query: { principalId: account.id ?? "", pageSize: 100 } } }),
    );
    roleBindings = data.roleBindings ?? [];
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== Code.PermissionDenied) throw error;
  }
  return { credentials, account, roleBindings };
}

export interface SessionContextValue {
  api: Api;
  identity: Identity;
  /** Signs out when the user chooses to; asks first if leaving would lose a secret on screen. */
  signOut: () => void;
  /**
   * Ends a session whose key the user has just disabled, deleted or rotated
   * away, with `notice` on the sign-in page; does not ask (nothing unsaved is left).
   */
  endSession: (notice: string) => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

/** The signed-in session; only pages rendered after sign-in call this. */
export function useSession(): SessionContextValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in page");
  return session;
}
