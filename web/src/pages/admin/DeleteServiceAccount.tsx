import { useCallback, useState } from "react";
import { answer, fetched, type Account } from "../../api/client";
import { useSession } from "../../identity";
import { ConfirmRemoval } from "./ConfirmRemoval";

/**
 * Deleting a service account takes its keys and role bindings with it, so the
 * dialog says which, and asks for its name or id to be typed. Keys used in the
 * last minutes stop the delete unless the admin explicitly forces it.
 */
export function DeleteServiceAccount({
  account,
  onDeleted,
  onCancel,
}: {
  account: Account;
  onDeleted: () => void;
  onCancel: () => void;
}) {
  const { api } = useSession();
  const [force, setForce] = useState(false);
  const id = account.id ?? "";
  const call = useCallback(
    (validateOnly: boolean) =>
      api.DELETE("/v1/accounts/{id}", { params: { path: { id }, query: { force, validateOnly } } }),
    [api, id, force],
  );
  const check = useCallback(() => answer(call(true)), [call]);
  const name = account.displayName ?? "";
  return (
    <ConfirmRemoval
      heading={`Delete service account ${name}`}
      check={check}
      consequences={(planned) => (
        <p>
          This also deletes {count(planned.deletedApiKeyIds?.length ?? 0, "API key")} and{" "}
          {count(planned.deletedRoleBindingIds?.length ?? 0, "role binding")}. Whatever uses its keys stops working.
        </p>
      )}
      typed={{ label: `Type ${name ? `“${name}” or ` : ""}${id} to confirm`, accepted: [name, id].filter(Boolean) }}
      actionLabel="Delete service account"
      remove={() => fetched(call(false))}
      onRemoved={onDeleted}
      onCancel={onCancel}
    >
      <p>
        <span className="id">{id}</span>
        {account.description ? ` — ${account.description}` : ""}
      </p>
      <label className="inline">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
        Delete even if one of its keys was used in the last minutes
      </label>
    </ConfirmRemoval>
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
