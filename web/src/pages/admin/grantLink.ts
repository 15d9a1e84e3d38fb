import { hrefOf } from "../../router";

// The role bindings page reads a principal to grant to from its address
// (#/admin/role-bindings?principal=sa-…), so other pages can link to it.
const PRINCIPAL_PARAM = "principal";

export function grantHref(principalId: string): string {
  return `${hrefOf({ page: "role-bindings" })}?${new URLSearchParams({ [PRINCIPAL_PARAM]: principalId })}`;
}

export function principalToGrant(hash: string = window.location.hash): string {
  const query = hash.split("?")[1] ?? "";
  return new URLSearchParams(query).get(PRINCIPAL_PARAM) ?? "";
}
