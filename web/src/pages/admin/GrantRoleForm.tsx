import { useState } from "react";
import { answer, fetched, type RoleBinding } from "../../api/client";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useSession } from "../../identity";
import { PolicyCheckResult } from "../../policy/PolicyCheckResult";
import { useCheckedSubmit } from "../../policy/useCheckedSubmit";
import { refuses, usePolicyCheck } from "../../policy/usePolicyCheck";
import { ROLES, SCOPE_KIND_LABELS, scopesOf, type ScopeKind } from "./roles";
import type { Directory } from "./useDirectory";

/**
 * Grant a role: to an account picked from the list or typed by id, at a scope
 * the role fits, picked from the environments and resources the admin sees.
 * The policy's verdict (escalation and the like) shows before submitting.
 */
export function GrantRoleForm({
  directory,
  initialPrincipal,
  onGranted,
}: {
  directory: Directory | undefined;
  initialPrincipal: string;
  onGranted: (binding: RoleBinding) => void;
}) {
  const { api } = useSession();
  const [principalId, setPrincipalId] = useState(initialPrincipal);
  const [role, setRole] = useState("");
  const [chosenScopeKind, setScopeKind] = useState<ScopeKind | "">("");
  const [environmentId, setEnvironmentId] = useState("");
  const [resourceId, setResourceId] = useState("");

  const fittingScopes = scopesOf(role);
  // A role that fits one kind of scope only needs no choice.
  const scopeKind: ScopeKind | "" =
    fittingScopes.length === 1
      ? (fittingScopes[0] ?? "")
      : (fittingScopes.find((kind) => kind === chosenScopeKind) ?? "");

  const scope = { "": "", organization: "organization", environment: environmentId, resource: resourceId }[scopeKind];
  const body = { principalId: principalId.trim(), role, scope };
  const complete = Boolean(body.principalId && body.role && body.scope);
  const request = complete ? body : null;
  const check = usePolicyCheck(
    (asked: typeof body) => answer(api.POST("/v1/role-bindings", { body: { ...asked, validateOnly: true } })),
    request,
  );
  const { submit, busy, error, checkRegion, failureRegion } = useCheckedSubmit(
    check,
    (sent: typeof body) => fetched(api.POST("/v1/role-bindings", { body: sent })),
    (binding) => {
      setRole("");
      onGranted(binding);
    },
  );

  const resourcesHere = (directory?.resources ?? []).filter((r) => r.environmentId === environmentId);

  return (
    <form onSubmit={(event) => submit(event, request)} aria-labelledby="grant-role">
      <h2 id="grant-role">Grant a role</h2>
      <label>
        Principal
        <input
          value={principalId}
          onChange={(e) => setPrincipalId(e.target.value)}
          list="grant-principals"
          required
          spellCheck={false}
          autoComplete="off"
          aria-describedby="grant-principal-hint"
        />
      </label>
      <p id="grant-principal-hint" className="hint">
        An account id (u-… or sa-…): type it, or pick an account from the suggestions.
      </p>
      <datalist id="grant-principals">
        {directory?.accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.displayName}
            {account.type === "ACCOUNT_TYPE_SERVICE_ACCOUNT" ? " (service account)" : ` (${account.email || "user"})`}
          </option>
        ))}
      </datalist>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value)} required>
          <option value="">Choose a role…</option>
          {ROLES.map((r) => (
            <option key={r.role} value={r.role}>
              {r.role} — {r.summary}
            </option>
          ))}
        </select>
      </label>
      {role && (
        <label>
          Scope
          <select value={scopeKind} onChange={(e) => setScopeKind(e.target.value as ScopeKind | "")} required>
            {fittingScopes.length > 1 && <option value="">Choose where the role applies…</option>}
            {fittingScopes.map((kind) => (
              <option key={kind} value={kind}>
                {SCOPE_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
      )}
      {(scopeKind === "environment" || scopeKind === "resource") && (
        <label>
          Environment
          <select
            value={environmentId}
            onChange={(e) => {
              setEnvironmentId(e.target.value);
              setResourceId("");
            }}
            required
          >
            <option value="">Choose an environment…</option>
            {directory?.environments.map((env) => (
              <option key={env.id} value={env.id}>
                {env.displayName} ({env.stage}) — {env.id}
              </option>
            ))}
          </select>
        </label>
      )}
      {scopeKind === "resource" && environmentId && (
        <label>
          Resource
          <select value={resourceId} onChange={(e) => setResourceId(e.target.value)} required>
            <option value="">{resourcesHere.length ? "Choose a resource…" : "No resources in this environment"}</option>
            {resourcesHere.map((resource) => (
              <option key={resource.id} value={resource.id}>
                {resource.displayName} — {resource.id}
              </option>
            ))}
          </select>
        </label>
      )}
      <PolicyCheckResult
        check={check}
        waitingFor={complete ? undefined : "Choose a principal, a role and a scope to check the grant with the policy."}
        Heading="h3"
        ref={checkRegion}
      />
      <div ref={failureRegion} tabIndex={-1}>
        <ErrorMessage error={error} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !complete || refuses(check.verdict)}>
          {busy ? "Granting…" : "Grant role"}
        </button>
      </div>
    </form>
  );
}
