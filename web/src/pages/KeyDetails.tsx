import { fetched, type ApiKey } from "../api/client";
import { DeleteKey } from "../components/DeleteKey";
import { ErrorMessage } from "../components/ErrorMessage";
import { KeyState } from "../components/KeyState";
import { KeyStateSwitch } from "../components/KeyStateSwitch";
import { PageHeading } from "../components/PageHeading";
import { RotateKey } from "../components/RotateKey";
import { UsageChart } from "../components/UsageChart";
import { formatTime } from "../format";
import { useSession } from "../identity";
import { hrefOf, navigate, setFlash } from "../router";
import { useLoad } from "../useLoad";
import { resourceLabel, resourceNamesOf, type ResourceNames } from "./keyResources";
import "./keys.css";

/** One key: its facts, its usage, and what its owner or an admin may do with it. */
export function KeyDetails({ id }: { id: string }) {
  const { api, identity, endSession } = useSession();
  // Disabling, deleting or rotating the key this session signed in with ends the session.
  const sessionKey = id === identity.credentials.keyId;
  const sessionWarning = sessionKey ? "This is the key you are signed in with: you will be signed out." : undefined;
  const key = useLoad(async () => {
    const apiKey = await fetched(api.GET("/v1/api-keys/{id}", { params: { path: { id } } }));
    const names = await resourceNamesOf(api, [apiKey.resourceId ?? ""], new Map());
    return { apiKey, names };
  }, [api, id]);

  return (
    <main id="main">
      <PageHeading>{`Key ${id}`}</PageHeading>
      <p>
        <a href={hrefOf({ page: "keys" })}>Back to my keys</a>
      </p>
      {key.error !== null && <ErrorMessage error={key.error} />}
      {key.loading && !key.data && (
        <p className="loading" role="status">
          Loading the key…
        </p>
      )}
      {/* Keyed by id: opening another key (the successor) starts its actions afresh. */}
      {key.data && key.data.apiKey.id === id && (
        <div key={id}>
          <KeyFacts apiKey={key.data.apiKey} names={key.data.names} />
          <section className="key-section" aria-labelledby="usage-heading">
            <h2 id="usage-heading">Usage in the last 30 days</h2>
            <UsageChart keyId={id} />
          </section>
          <section className="key-section" aria-labelledby="rotate-heading">
            <h2 id="rotate-heading">Rotate</h2>
            {sessionKey ? (
              <RotateKey
                apiKey={key.data.apiKey}
                warning={sessionWarning}
                onSaved={(successorId) =>
                  endSession(`You rotated the key you were signed in with. Sign in with its successor, ${successorId}.`)
                }
              />
            ) : (
              <RotateKey apiKey={key.data.apiKey} onRotated={key.reload} />
            )}
          </section>
          <section className="key-section" aria-labelledby="state-heading">
            <h2 id="state-heading">{key.data.apiKey.disableTime ? "Enable" : "Disable"}</h2>
            <KeyStateSwitch
              apiKey={key.data.apiKey}
              warning={sessionWarning}
              onChanged={
                sessionKey
                  ? () => endSession("You disabled the key you were signed in with, so you were signed out.")
                  : key.reload
              }
            />
          </section>
          <section className="key-section" aria-labelledby="delete-heading">
            <h2 id="delete-heading">Delete</h2>
            <DeleteKey
              keyId={id}
              warning={sessionWarning}
              onDeleted={() => {
                if (sessionKey) {
                  endSession("You deleted the key you were signed in with, so you were signed out.");
                } else {
                  setFlash(`Key ${id} was deleted.`);
                  navigate({ page: "keys" });
                }
              }}
            />
          </section>
        </div>
      )}
    </main>
  );
}

function KeyFacts({ apiKey, names }: { apiKey: ApiKey; names: ResourceNames }) {
  const { identity } = useSession();
  const you = (accountId: string | undefined) =>
    accountId && accountId === identity.account.id ? `you (${accountId})` : accountId || "—";
  return (
    <dl className="facts">
      <dt>Key id</dt>
      <dd className="id">{apiKey.id}</dd>
      <dt>Owner</dt>
      <dd>{you(apiKey.ownerId)}</dd>
      <dt>Resource</dt>
      <dd>
        {resourceLabel(apiKey.resourceId, names)}
        {apiKey.resourceId && names.has(apiKey.resourceId) && <span className="id"> ({apiKey.resourceId})</span>}
      </dd>
      <dt>Description</dt>
      <dd>{apiKey.description || "—"}</dd>
      <dt>Display name</dt>
      <dd>{apiKey.displayName || "—"}</dd>
      <dt>State</dt>
      <dd>
        <KeyState state={apiKey.state} />
      </dd>
      <dt>Created</dt>
      <dd>{formatTime(apiKey.createTime)}</dd>
      <dt>Expires</dt>
      <dd>{formatTime(apiKey.expireTime, "Never")}</dd>
      <dt>Last used</dt>
      <dd>{formatTime(apiKey.lastUsedTime, "Never")}</dd>
      {apiKey.rotatedFrom && (
        <>
          <dt>Rotated from</dt>
          <dd>
            <a className="id" href={hrefOf({ page: "key", id: apiKey.rotatedFrom })}>
              {apiKey.rotatedFrom}
            </a>
          </dd>
        </>
      )}
      {apiKey.disableTime && (
        <>
          <dt>Disabled</dt>
          <dd>
            {formatTime(apiKey.disableTime)} by {you(apiKey.disabledBy)}
          </dd>
        </>
      )}
    </dl>
  );
}
