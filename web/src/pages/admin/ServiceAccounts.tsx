import { useState } from "react";
import { fetched, type Account } from "../../api/client";
import { PageHeading } from "../../components/PageHeading";
import { useFocusWhenShown } from "../../components/useFocusWhenShown";
import { PagedList } from "../../components/PagedList";
import { formatTime } from "../../format";
import { useSession } from "../../identity";
import { usePagedList } from "../../usePagedList";
import { AdminOnly } from "./AdminOnly";
import { CreateServiceAccountForm } from "./CreateServiceAccountForm";
import { DeleteServiceAccount } from "./DeleteServiceAccount";
import { grantHref } from "./grantLink";
import "./admin.css";

const PAGE_SIZE = 25;

export function ServiceAccounts() {
  return (
    <AdminOnly page="service-accounts" title="Service accounts">
      <ServiceAccountsPage />
    </AdminOnly>
  );
}

/** What the last action did, said where focus lands after it. */
type Outcome = { kind: "created"; account: Account } | { kind: "deleted"; name: string };

function ServiceAccountsPage() {
  const { api } = useSession();
  const accounts = usePagedList(
    null,
    async (_, pageToken) => {
      const query = { type: "ACCOUNT_TYPE_SERVICE_ACCOUNT" as const, pageSize: PAGE_SIZE, pageToken };
      const page = await fetched(api.GET("/v1/accounts", { params: { query } }));
      return { items: page.accounts ?? [], next: page.nextPageToken ?? "" };
    },
    [api],
  );
  const [deleting, setDeleting] = useState<Account | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useFocusWhenShown<HTMLDivElement>(outcome);

  return (
    <main id="main">
      <PageHeading>Service accounts</PageHeading>
      <div ref={outcomeRef} tabIndex={-1} role="status" className="outcome">
        {outcome?.kind === "created" && (
          <p>
            Created service account {outcome.account.displayName} (<span className="id">{outcome.account.id}</span>
            ). <a href={grantHref(outcome.account.id ?? "")}>Grant it a role</a>
          </p>
        )}
        {outcome?.kind === "deleted" && <p>Deleted service account {outcome.name}.</p>}
      </div>

      <CreateServiceAccountForm
        onCreated={(account) => {
          setOutcome({ kind: "created", account });
          accounts.reload();
        }}
      />

      <section aria-labelledby="service-account-list" aria-busy={accounts.loading}>
        <h2 id="service-account-list">All service accounts</h2>
        <PagedList list={accounts} empty="There are no service accounts yet.">
          {(list) => (
            <div className="table-wrap">
              <table className="cards">
                <thead>
                  <tr>
                    <th scope="col">Display name</th>
                    <th scope="col">Id</th>
                    <th scope="col">Description</th>
                    <th scope="col">Created</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((account) => (
                    <tr key={account.id}>
                      <td data-label="Display name">{account.displayName}</td>
                      <td data-label="Id" className="id">
                        {account.id}
                      </td>
                      <td data-label="Description">{account.description || <span className="empty">—</span>}</td>
                      <td data-label="Created">{formatTime(account.createTime)}</td>
                      <td data-label="Actions">
                        <div className="row-actions">
                          <a href={grantHref(account.id ?? "")} aria-label={`Grant a role to ${account.displayName}`}>
                            Grant a role
                          </a>
                          <button
                            type="button"
                            onClick={() => setDeleting(account)}
                            aria-label={`Delete ${account.displayName} (${account.id})`}
                          >
                            Delete
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </PagedList>
      </section>

      {deleting && (
        <DeleteServiceAccount
          account={deleting}
          onCancel={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            setOutcome({ kind: "deleted", name: deleting.displayName || (deleting.id ?? "") });
            accounts.reload();
          }}
        />
      )}
    </main>
  );
}
