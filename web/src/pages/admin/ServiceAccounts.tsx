import { useEffect, useRef, useState } from "react";
import { fetched, type Account } from "../../api/client";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageHeading } from "../../components/PageHeading";
import { Pager } from "../../components/Pager";
import { formatTime } from "../../format";
import { useSession } from "../../identity";
import { useLoad } from "../../useLoad";
import { AdminOnly } from "./AdminOnly";
import { CreateServiceAccountForm } from "./CreateServiceAccountForm";
import { DeleteServiceAccount } from "./DeleteServiceAccount";
import { grantHref } from "./grantLink";
import { usePaging } from "./usePaging";
import "./admin.css";

const PAGE_SIZE = 25;

export function ServiceAccounts() {
  return (
    <AdminOnly title="Service accounts">
      <ServiceAccountsPage />
    </AdminOnly>
  );
}

/** What the last action did, said where focus lands after it. */
type Outcome = { kind: "created"; account: Account } | { kind: "deleted"; name: string };

function ServiceAccountsPage() {
  const { api } = useSession();
  const paging = usePaging(null);
  const accounts = useLoad(
    () =>
      fetched(
        api.GET("/v1/accounts", {
          params: {
            query: { type: "ACCOUNT_TYPE_SERVICE_ACCOUNT", pageSize: PAGE_SIZE, pageToken: paging.pageToken },
          },
        }),
      ),
    [api, paging.pageToken],
  );
  const [deleting, setDeleting] = useState<Account | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const list = accounts.data?.accounts ?? [];
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
        <ErrorMessage error={accounts.error} />
        {accounts.loading && !accounts.data && (
          <p className="loading" role="status">
            Loading…
          </p>
        )}
        {accounts.data && list.length === 0 && <p className="empty">There are no service accounts yet.</p>}
        {list.length > 0 && (
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
        <Pager
          isFirst={paging.pageToken === ""}
          hasNext={Boolean(accounts.data?.nextPageToken)}
          onFirst={paging.firstPage}
          onNext={() => paging.nextPage(accounts.data?.nextPageToken ?? "")}
        />
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
