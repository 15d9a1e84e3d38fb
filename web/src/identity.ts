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

/** Roles that open the admin pages (the role table decides what each may do). */
const ADMIN_ROLES = new Set(["OrganizationAdmin", "AccountAdmin", "EnvironmentAdmin", "CloudClusterAdmin"]);

export function isAdmin(identity: Identity): boolean {
  return identity.roleBindings.some((binding) => ADMIN_ROLES.has(binding.role ?? ""));
}

export function isOrganizationAdmin(identity: Identity): boolean {
  return identity.roleBindings.some((binding) => binding.role === "OrganizationAdmin");
}

export async function loadIdentity(api: Api, credentials: Credentials): Promise<Identity> {
  const key = await fetched(api.GET("/v1/api-keys/{id}", { params: { path: { id: credentials.keyId } } }));
  if (key.resourceId !== "cloud") {
    throw new ApiError(401, Code.Unauthenticated, "the portal signs in with a Cloud API key, not a resource key");
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
  signOut: () => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

/** The signed-in session; only pages rendered after sign-in call this. */
export function useSession(): SessionContextValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in page");
  return session;
}
