import { useState, type FormEvent } from "react";
import { createApi, fetched } from "../api/client";
import { ErrorMessage } from "../components/ErrorMessage";
import { PageHeading } from "../components/PageHeading";
import { SecretOnce } from "../components/SecretOnce";
import { loadIdentity, type Identity } from "../identity";
import { parseKeyAndSecret, type Credentials } from "../session";

/** Sign in with a Cloud API key, or redeem an invitation for one. */
export function SignIn({ onSignedIn }: { onSignedIn: (identity: Identity) => void }) {
  const [mode, setMode] = useState<"key" | "invitation">("key");
  return (
    <main className="sign-in" id="main">
      <PageHeading>Sign in to Keyward</PageHeading>
      <div className="tabs" role="group" aria-label="How to sign in">
        <button type="button" aria-pressed={mode === "key"} onClick={() => setMode("key")}>
          With an API key
        </button>
        <button type="button" aria-pressed={mode === "invitation"} onClick={() => setMode("invitation")}>
          With an invitation
        </button>
      </div>
      {mode === "key" ? <KeySignIn onSignedIn={onSignedIn} /> : <InvitationSignIn onSignedIn={onSignedIn} />}
    </main>
  );
}

function KeySignIn({ onSignedIn }: { onSignedIn: (identity: Identity) => void }) {
  const [keyId, setKeyId] = useState("");
  const [secret, setSecret] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Pasting KEY:SECRET (as `keywardd bootstrap` prints it) into the key field fills both.
  const onKeyChange = (value: string) => {
    const pair = parseKeyAndSecret(value);
    if (pair && !value.trim().startsWith("http")) {
      setKeyId(pair.keyId);
      setSecret(pair.secret);
    } else {
      setKeyId(value.trim());
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const credentials: Credentials = { keyId, secret };
    try {
      onSignedIn(await loadIdentity(createApi(credentials), credentials));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Sign in with an API key">
      <p className="hint">
        Use a Cloud API key of your own. The secret stays in this browser tab only and is forgotten when you sign out or
        close the tab.
      </p>
      <label>
        API key
        <input
          name="key"
          autoComplete="username"
          value={keyId}
          onChange={(e) => onKeyChange(e.target.value)}
          required
          spellCheck={false}
        />
      </label>
      <label>
        Secret
        <input
          name="secret"
          type="password"
          autoComplete="current-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          required
          spellCheck={false}
        />
      </label>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy || !keyId || !secret}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

function InvitationSignIn({ onSignedIn }: { onSignedIn: (identity: Identity) => void }) {
  const [token, setToken] = useState("");
  const [description, setDescription] = useState("Portal sign-in key");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Credentials | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetched(
        createApi(null).POST("/v1/invitations:redeem", { body: { token: token.trim(), description } }),
      );
      setIssued({ keyId: response.apiKey?.id ?? "", secret: response.secret ?? "" });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const continueSignedIn = async () => {
    if (!issued) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await loadIdentity(createApi(issued), issued));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  if (issued) {
    return (
      <section aria-label="Your new API key">
        <p>
          Your invitation gave you a Cloud API key. Save its secret now, in a password manager: it is shown this once,
          and it is how you sign in next time.
        </p>
        <SecretOnce keyId={issued.keyId} secret={issued.secret} />
        <ErrorMessage error={error} />
        <button type="button" className="primary" onClick={continueSignedIn} disabled={busy}>
          I have saved it — continue
        </button>
      </section>
    );
  }
  return (
    <form onSubmit={submit} aria-label="Redeem an invitation">
      <p className="hint">Paste the invitation token an administrator sent you. It works once.</p>
      <label>
        Invitation token
        <input name="token" value={token} onChange={(e) => setToken(e.target.value)} required spellCheck={false} />
      </label>
      <label>
        Description of the key you get
        <input name="description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy || !token.trim()}>
        {busy ? "Redeeming…" : "Redeem invitation"}
      </button>
    </form>
  );
}
