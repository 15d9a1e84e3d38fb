import type { ApiKey } from "../api/client";
import { KeyState } from "../components/KeyState";
import { formatTime } from "../format";
import { useSession } from "../identity";
import { hrefOf } from "../router";
import { resourceLabel, type ResourceNames } from "./keyResources";

/** A page of keys as a table (cards at phone width), each linking to its details. */
export function KeyTable({
  apiKeys,
  resourceNames,
  busy,
}: {
  apiKeys: ApiKey[];
  resourceNames: ResourceNames;
  busy: boolean;
}) {
  const { identity } = useSession();
  return (
    <div className="table-wrap">
      <table className="cards" aria-busy={busy}>
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
                {key.id === identity.credentials.keyId && <span className="this-session"> (this session)</span>}
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
  );
}
