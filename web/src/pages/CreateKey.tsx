// Create a key: the form, checked against the policy while it is filled in;
// then the new key's secret, shown once. The secret lives in this page's
// state only. The address remembers which key was created (#/keys/new?created=ID),
// so after a reload the page says the key exists, without its secret.
import { useEffect, useState } from "react";
import { fetched } from "../api/client";
import { ErrorMessage } from "../components/ErrorMessage";
import { PageHeading } from "../components/PageHeading";
import { formatTime } from "../format";
import { useSession } from "../identity";
import { hrefOf } from "../router";
import { useLoad } from "../useLoad";
import { IssuedKey } from "./create-key/IssuedKey";
import { KeyForm, type CreatedKey } from "./create-key/KeyForm";
import "./create-key.css";

export function CreateKey() {
  const [createdId, markCreated] = useCreatedKeyId();
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const shown = created !== null && created.apiKey.id === createdId ? created : null;

  // Another address (e.g. "Create another key"): the secret is dropped from memory.
  useEffect(() => {
    if (created && created.apiKey.id !== createdId) setCreated(null);
  }, [created, createdId]);

  if (shown) return <IssuedKey created={shown} />;
  if (createdId) return <AlreadyShown keyId={createdId} />;
  return (
    <main id="main">
      <PageHeading>Create a key</PageHeading>
      <KeyForm
        onCreated={(key) => {
          setCreated(key);
          markCreated(key.apiKey.id ?? "");
        }}
      />
    </main>
  );
}

function AlreadyShown({ keyId }: { keyId: string }) {
  const { api } = useSession();
  const key = useLoad(() => fetched(api.GET("/v1/api-keys/{id}", { params: { path: { id: keyId } } })), [api, keyId]);
  return (
    <main id="main">
      <PageHeading>{`Key ${keyId} was created`}</PageHeading>
      {key.data && (
        <dl className="facts">
          <dt>Opens</dt>
          <dd>{key.data.resourceId === "cloud" ? "Cloud (whole organization)" : key.data.resourceId}</dd>
          <dt>Description</dt>
          <dd>{key.data.description}</dd>
          <dt>Created</dt>
          <dd>{formatTime(key.data.createTime)}</dd>
        </dl>
      )}
      <ErrorMessage error={key.error} />
      <p>
        Its secret was shown once, when the key was created, and cannot be shown again. If it was not saved, create a
        new key and delete this one.
      </p>
      <div className="actions">
        <a className="button primary" href={hrefOf({ page: "key", id: keyId })}>
          View key {keyId}
        </a>
        <a className="button" href={hrefOf({ page: "create-key" })}>
          Create another key
        </a>
      </div>
    </main>
  );
}

const CREATED = "created";

function createdKeyIdOf(hash: string): string {
  const query = hash.split("?")[1] ?? "";
  return new URLSearchParams(query).get(CREATED) ?? "";
}

/** The key created on this page, as the address records it, and a way to record one. */
function useCreatedKeyId(): [string, (keyId: string) => void] {
  const [keyId, setKeyId] = useState(() => createdKeyIdOf(window.location.hash));
  useEffect(() => {
    const update = () => setKeyId(createdKeyIdOf(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  const mark = (id: string) => {
    // replaceState: no hashchange, so no leave guard and no new history entry.
    const query = new URLSearchParams({ [CREATED]: id });
    history.replaceState(history.state, "", `${hrefOf({ page: "create-key" })}?${query}`);
    setKeyId(id);
  };
  return [keyId, mark];
}
