import { useMemo, useState } from "react";
import { fetched, type ApiKeyState } from "../api/client";
import { ErrorMessage } from "../components/ErrorMessage";
import { KeyState } from "../components/KeyState";
import { PageHeading } from "../components/PageHeading";
import { Pager } from "../components/Pager";
import { formatTime } from "../format";
import { useSession } from "../identity";
import { hrefOf } from "../router";
import { useLoad } from "../useLoad";
import { CLOUD, listReadableResources, namesOf, resourceLabel, resourceNamesOf } from "./keyResources";
import { readKeyFilters, writeKeyFilters, type KeyFilters } from "./keyFilters";
import "./keys.css";

const DAY_MS = 24 * 60 * 60 * 1000;

const STATE_OPTIONS: Array<{ value: ApiKeyState | ""; label: string }> = [
  { value: "", label: "Any" },
  { value: "API_KEY_STATE_ACTIVE", label: "Active" },
  { value: "API_KEY_STATE_DISABLED", label: "Disabled" },
  { value: "API_KEY_STATE_EXPIRED", label: "Expired" },
];

/** The signed-in account's keys, filtered and paged by the server. */
export function MyKeys() {
  const { api, identity } = useSession();
  const ownerId = identity.account.id ?? "";
  const [filters, setFiltersState] = useState<KeyFilters>(readKeyFilters);
  const [pageToken, setPageToken] = useState("");
  // Said once, on arrival from a key's page after it was deleted.
  const [deletedKeyId] = useState(() => filters.deleted);

  const setFilters = (change: Partial<KeyFilters>) => {
    const next = { ...filters, ...change, deleted: "" };
    setFiltersState(next);
    writeKeyFilters(next);
    setPageToken("");
  };

  const resources = useLoad(() => listReadableResources(api), [api]);
  const knownNames = useMemo(() => namesOf(resources.data ?? []), [resources.data]);

  const unusedDays = Number(filters.unusedDays);
  const unusedDaysValid = filters.unusedDays === "" || (Number.isInteger(unusedDays) && unusedDays > 0);
  const keys = useLoad(async () => {
    if (!unusedDaysValid) return null;
    const page = await fetched(
      api.GET("/v1/api-keys", {
        params: {
          query: {
            ownerId,
            resourceId: filters.resourceId || undefined,
            state: filters.state || undefined,
            unusedSince: filters.unusedDays ? new Date(Date.now() - unusedDays * DAY_MS).toISOString() : undefined,
            pageToken: pageToken || undefined,
          },
        },
      }),
    );
    const apiKeys = page.apiKeys ?? [];
    const names = await resourceNamesOf(
      api,
      apiKeys.map((key) => key.resourceId ?? ""),
      knownNames,
    );
    return { apiKeys, nextPageToken: page.nextPageToken ?? "", names };
  }, [api, ownerId, filters.resourceId, filters.state, filters.unusedDays, pageToken, knownNames]);

  const filtered = Boolean(filters.resourceId || filters.state || filters.unusedDays);

  return (
    <main id="main">
      <PageHeading>My keys</PageHeading>
      {deletedKeyId && (
        <p className="key-notice" role="status">
          Key <span className="id">{deletedKeyId}</span> was deleted.
        </p>
      )}
      <form className="filters" aria-label="Filter keys" onSubmit={(e) => e.preventDefault()}>
        <label>
          Resource
          <select value={filters.resourceId} onChange={(e) => setFilters({ resourceId: e.target.value })}>
            <option value="">Any resource</option>
            <option value={CLOUD}>Cloud</option>
            {(resources.data ?? []).map((resource) => (
              <option key={resource.id} value={resource.id}>
                {resource.displayName} ({resource.id})
              </option>
            ))}
          </select>
        </label>
        <label>
          State
          <select
            value={filters.state}
            onChange={(e) => setFilters({ state: e.target.value as ApiKeyState | "" })}
          >
            {STATE_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Unused for days
          <input
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={filters.unusedDays}
            aria-invalid={!unusedDaysValid}
            aria-describedby="unused-days-hint"
            onChange={(e) => setFilters({ unusedDays: e.target.value })}
          />
          <span id="unused-days-hint" className="hint">
            {unusedDaysValid ? "Keys not used for this many days, or never used." : "Enter a whole number of days, 1 or more."}
          </span>
        </label>
      </form>

      <ErrorMessage error={keys.error} />
      {keys.loading && !keys.data && (
        <p className="loading" role="status">
          Loading keys…
        </p>
      )}
      {keys.data && keys.data.apiKeys.length === 0 && pageToken === "" && (
        <p className="empty" role="status">
          {filtered ? "No keys match these filters." : "You have no keys yet."}{" "}
          <a href={hrefOf({ page: "create-key" })}>Create a key</a>
        </p>
      )}
      {keys.data && keys.data.apiKeys.length > 0 && (
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
              {keys.data.apiKeys.map((key) => (
                <tr key={key.id}>
                  <td data-label="Key" className="id">
                    <a href={hrefOf({ page: "key", id: key.id ?? "" })}>{key.id}</a>
                  </td>
                  <td data-label="Resource">{resourceLabel(key.resourceId, keys.data?.names ?? knownNames)}</td>
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
