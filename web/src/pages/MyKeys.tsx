import { useEffect, useMemo, useState } from "react";
import { fetched } from "../api/client";
import { PageHeading } from "../components/PageHeading";
import { PagedList } from "../components/PagedList";
import { useSession } from "../identity";
import { hrefOf, parseRoute, useFlash } from "../router";
import { useLoad } from "../useLoad";
import { usePagedList } from "../usePagedList";
import { listReadableResources, namesOf, resourceNamesOf } from "./keyResources";
import { readKeyFilters, unusedSinceOf, writeKeyFilters, type KeyFilters } from "./keyFilters";
import { KeyFiltersForm } from "./KeyFiltersForm";
import { KeyTable } from "./KeyTable";
import "./keys.css";

/** The signed-in account's keys, filtered and paged by the server. */
export function MyKeys() {
  const { api, identity } = useSession();
  const ownerId = identity.account.id ?? "";
  const resources = useLoad(() => listReadableResources(api), [api]);
  const knownNames = useMemo(() => namesOf(resources.data ?? []), [resources.data]);

  const keys = usePagedList(
    readKeyFilters,
    async (filters: KeyFilters, pageToken) => {
      const unused = unusedSinceOf(filters.unusedDays);
      if (!unused.valid) return null;
      const query = {
        ownerId,
        resourceId: filters.resourceId || undefined,
        state: filters.state || undefined,
        unusedSince: unused.since,
        pageToken: pageToken || undefined,
      };
      const page = await fetched(api.GET("/v1/api-keys", { params: { query } }));
      return { items: page.apiKeys ?? [], next: page.nextPageToken ?? "" };
    },
    [api, ownerId],
  );
  const { filters, setFilters } = keys;
  // What the page before said happened (a key deleted), until the filters change.
  const flash = useFlash();
  const [notice, setNotice] = useState(flash);

  const changeFilters = (change: Partial<KeyFilters>) => {
    const next = { ...filters, ...change };
    setNotice(null);
    writeKeyFilters(next);
    setFilters(next);
  };

  // The address changed under the page (the "My keys" link, back/forward): follow it,
  // unless it leads to another page (which unmounts this one without a last read).
  useEffect(() => {
    const follow = () => {
      if (parseRoute(window.location.hash).page === "keys") setFilters(readKeyFilters());
    };
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, [setFilters]);

  // Resources on this page that the listing did not name (the caller may
  // still read some of them one by one).
  const pageResourceIds = [...new Set((keys.items ?? []).map((key) => key.resourceId ?? ""))].sort().join(" ");
  const names = useLoad(
    () => resourceNamesOf(api, pageResourceIds.split(" "), knownNames),
    [api, pageResourceIds, knownNames],
  );
  const resourceNames = names.data ?? knownNames;

  const filtered = Boolean(filters.resourceId || filters.state || filters.unusedDays);

  return (
    <main id="main">
      <PageHeading>My keys</PageHeading>
      {notice && (
        <p className="key-notice" role="status">
          {notice}
        </p>
      )}
      <KeyFiltersForm
        filters={filters}
        resources={resources.data ?? []}
        unusedDaysValid={unusedSinceOf(filters.unusedDays).valid}
        onChange={changeFilters}
      />

      <PagedList
        list={keys}
        loadingText="Loading keys…"
        empty={
          <>
            {filtered ? "No keys match these filters." : "You have no keys yet."}{" "}
            <a href={hrefOf({ page: "create-key" })}>Create a key</a>
          </>
        }
      >
        {(apiKeys) => <KeyTable apiKeys={apiKeys} resourceNames={resourceNames} busy={keys.loading} />}
      </PagedList>
    </main>
  );
}
