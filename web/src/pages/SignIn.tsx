import { useState, type FormEvent } from "react";
import { createApi, fetched } from "../api/client";
import { ApiError, Code } from "../api/errors";
import { ErrorMessage } from "../components/ErrorMessage";
import { PageHeading } from "../components/PageHeading";
import { SecretOnce } from "../components/SecretOnce";
import { loadIdentity, type Identity } from "../identity";
import { confirmLeave, useLeaveGuard } from "../router";
import { parseKeyAndSecret, type Credentials } from "../session";
import "./sign-in.css";

type Mode = "key" | "invitation";

/** Sign in with a Cloud API key, or redeem an invitation for one. */
export function SignIn({ onSignedIn, notice }: { onSignedIn: (identity: Identity) => void; notice?: string }) {
  const [mode, setMode] = useState<Mode>("key");
  // Switching away from a redeemed invitation's secret would lose it for good.
  const switchTo = (next: Mode) => {
    if (next !== mode && confirmLeave()) setMode(next);
  };
  return (
    <main className="sign-in" id="main">
      <PageHeading>Sign in to Keyward</PageHeading>
      {notice && (
        <p className="sign-in-notice" role="status">
          {notice}
        </p>
      )}
      <div className="tabs" role="group" aria-label="How to sign in">
        <button type="button" aria-pressed={mode === "key"} onClick={() => switchTo("key")}>
          With an API key
        </button>
        <button type="button" aria-pressed={mode === "invitation"} onClick={() => switchTo("invitation")}>
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
        Use a Cloud API key of your own. The secret is kept only for this tab's session, and cleared when you sign out.
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
      {refusedKey(error) ? (
        <div className="error" role="alert">
          <p>That API key and secret were not accepted.</p>
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
      <button type="submit" className="primary" disabled={busy || !keyId || !secret}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

/** On this page a refused key is a wrong key or secret, not a session that ended. */
function refusedKey(error: unknown): boolean {
  return error instanceof ApiError && error.code === Code.Unauthenticated;
}

function InvitationSignIn({ onSignedIn }: { onSignedIn: (identity: Identity) => void }) {
  const [token, setToken] = useState("");
  const [description, setDescription] = useState("Portal sign-in key");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Credentials | null>(null);
  // The token worked once: its key's secret exists only on this screen until
  // the person goes on, which lifts the guard while it signs in.
  const [continuing, setContinuing] = useState(false);
  useLeaveGuard(
    issued && !continuing
      ? `The secret of key ${issued.keyId} is shown only now and can never be shown again. Leave anyway?`
      : null,
  );

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
    setContinuing(true);
    setError(null);
    try {
      onSignedIn(await loadIdentity(createApi(issued), issued));
    } catch (failure) {
      setError(failure);
      setContinuing(false);
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
