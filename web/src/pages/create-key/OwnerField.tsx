// Who will own the new key: the signed-in user, or a service account the
// user can see. Whether the user may create keys for that service account is
// the policy's to say (the check below the form shows it).
import { useId } from "react";
import { fetched, type Account, type Api } from "../../api/client";
import { everyPage, noneIfRefused } from "../../api/lists";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useSession } from "../../identity";
import { useLoad } from "../../useLoad";

/** `value` is a service account id, or "" for the signed-in user. */
export function OwnerField({ value, onChange }: { value: string; onChange: (ownerId: string) => void }) {
  const { api, identity } = useSession();
  const serviceAccounts = useLoad(() => loadServiceAccounts(api), [api]);
  const hintId = useId();
  const me = identity.account.displayName || identity.account.email || identity.account.id;
  const found = serviceAccounts.data ?? [];
  return (
    <div className="field">
      <label>
        Owner
        <select value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hintId}>
          <option value="">Me ({me})</option>
          {found.map((account) => (
            <option key={account.id} value={account.id}>
              Service account {account.displayName} ({account.id})
            </option>
          ))}
        </select>
      </label>
      <p id={hintId} className="hint">
        {serviceAccounts.loading && !serviceAccounts.data
          ? "Loading the service accounts you can see…"
          : found.length === 0
            ? "You can see no service accounts, so the key will be yours."
            : "Keys used by services should belong to a service account: they outlive a person's access."}
      </p>
      <ErrorMessage error={serviceAccounts.error} />
    </div>
  );
}

async function loadServiceAccounts(api: Api): Promise<Account[]> {
  const accounts = await everyPage(async (pageToken, pageSize) => {
    const query = { type: "ACCOUNT_TYPE_SERVICE_ACCOUNT" as const, pageSize, pageToken };
    const page = await fetched(api.GET("/v1/accounts", { params: { query } }));
    return { items: page.accounts ?? [], next: page.nextPageToken ?? "" };
  }).catch(noneIfRefused<Account>);
  return accounts.sort((a, b) => (a.displayName ?? "").localeCompare(b.displayName ?? ""));
}
