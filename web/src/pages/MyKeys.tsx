import { useEffect, useMemo, useState } from "react";
import { fetched } from "../api/client";
import { ErrorMessage } from "../components/ErrorMessage";
import { KeyState } from "../components/KeyState";
import { PageHeading } from "../components/PageHeading";
import { Pager } from "../components/Pager";
import { formatTime } from "../format";
import { useSession } from "../identity";
import { hrefOf } from "../router";
import { useLoad } from "../useLoad";
import { listReadableResources, namesOf, resourceLabel, resourceNamesOf } from "./keyResources";
import { readKeyFilters, unusedSinceOf, writeKeyFilters, type KeyFilters } from "./keyFilters";
import { KeyFiltersForm } from "./KeyFiltersForm";
import "./keys.css";

/** The signed-in account's keys, filtered and paged by the server. */
export function MyKeys() {
  const { api, identity } = useSession();
  const ownerId = identity.account.id ?? "";
  const [filters, setFiltersState] = useState<KeyFilters>(readKeyFilters);
  const [pageToken, setPageToken] = useState("");

  const setFilters = (change: Partial<KeyFilters>) => {
    // A change of filters also ends the "was deleted" notice.
    const next = { ...filters, ...change, deleted: "" };
    setFiltersState(next);
    writeKeyFilters(next);
    setPageToken("");
  };

  // The address changed under the page (the "My keys" link, back/forward): follow it.
  useEffect(() => {
    const follow = () => {
      setFiltersState(readKeyFilters());
      setPageToken("");
    };
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);

  const resources = useLoad(() => listReadableResources(api), [api]);
  const knownNames = useMemo(() => namesOf(resources.data ?? []), [resources.data]);

  const unused = unusedSinceOf(filters.unusedDays);
  const keys = useLoad(async () => {
    if (!unused.valid) return null;
    return fetched(
      api.GET("/v1/api-keys", {
        params: {
          query: {
            ownerId,
            resourceId: filters.resourceId || undefined,
            state: filters.state || undefined,
            unusedSince: unused.since,
            pageToken: pageToken || undefined,
          },
        },
      }),
    );
  }, [api, ownerId, filters.resourceId, filters.state, filters.unusedDays, pageToken]);
  const apiKeys = keys.data?.apiKeys;

  // Resources on this page that the listing did not name (the caller may
  // still read some of them one by one).
  const pageResourceIds = [...new Set((apiKeys ?? []).map((key) => key.resourceId ?? ""))].sort().join(" ");
  const names = useLoad(
    () => resourceNamesOf(api, pageResourceIds.split(" "), knownNames),
    [api, pageResourceIds, knownNames],
  );
  const resourceNames = names.data ?? knownNames;

  const filtered = Boolean(filters.resourceId || filters.state || filters.unusedDays);

  return (
    <main id="main">
      <PageHeading>My keys</PageHeading>
      {filters.deleted && (
        <p className="key-notice" role="status">
          Key <span className="id">{filters.deleted}</span> was deleted.
        </p>
      )}
      <KeyFiltersForm
        filters={filters}
        resources={resources.data ?? []}
        unusedDaysValid={unused.valid}
        onChange={setFilters}
      />

      <ErrorMessage error={keys.error} />
      {keys.loading && !keys.data && (
        <p className="loading" role="status">
          Loading keys…
        </p>
      )}
      {apiKeys && apiKeys.length === 0 && pageToken === "" && (
        <p className="empty" role="status">
          {filtered ? "No keys match these filters." : "You have no keys yet."}{" "}
          <a href={hrefOf({ page: "create-key" })}>Create a key</a>
        </p>
      )}
      {apiKeys && apiKeys.length > 0 && (
        <div className="table-wrap">
          <table className="cards" aria-busy={keys.loading}>
            <caption className="visually-hidden">Your API keys</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Resource</th>
                <th scope="col">Description</th>
                <th scope="col">State</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
              </tr>
            </thead>
            <tbody>
              {apiKeys.map((key) => (
                <tr key={key.id}>
                  <td data-label="Key" className="id">
                    <a href={hrefOf({ page: "key", id: key.id ?? "" })}>{key.id}</a>
                  </td>
                  <td data-label="Resource">{resourceLabel(key.resourceId, resourceNames)}</td>
                  <td data-label="Description" className="key-description">
                    {key.description || "—"}
                  </td>
                  <td data-label="State">
                    <KeyState state={key.state} />
                  </td>
                  <td data-label="Created">{formatTime(key.createTime)}</td>
                  <td data-label="Expires">{formatTime(key.expireTime, "Never")}</td>
                  <td data-label="Last used">{formatTime(key.lastUsedTime, "Never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        isFirst={pageToken === ""}
        hasNext={Boolean(keys.data?.nextPageToken)}
        onFirst={() => setPageToken("")}
        onNext={() => setPageToken(keys.data?.nextPageToken ?? "")}
      />
    </main>
  );
}
