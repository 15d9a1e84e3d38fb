import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createApi } from "./api/client";
import { ApiError, Code } from "./api/errors";
import { ErrorMessage } from "./components/ErrorMessage";
import { loadIdentity, mayOpen, SessionContext, type AdminPage, type Identity } from "./identity";
import { CreateKey } from "./pages/CreateKey";
import { KeyDetails } from "./pages/KeyDetails";
import { MyKeys } from "./pages/MyKeys";
import { NotFound } from "./pages/NotFound";
import { SignIn } from "./pages/SignIn";
import { AuditTrail } from "./pages/admin/AuditTrail";
import { RoleBindings } from "./pages/admin/RoleBindings";
import { ServiceAccounts } from "./pages/admin/ServiceAccounts";
import { confirmLeave, hrefOf, leaveGuarded, navigate, useRoute, type Route } from "./router";
import { clearCredentials, loadCredentials, saveCredentials, type Credentials } from "./session";

type Start =
  | { state: "restoring" }
  | { state: "signed-out"; error?: unknown; notice?: string }
  | { state: "signed-in"; identity: Identity; ended?: boolean };

const SESSION_ENDED = "Your session ended: the key you signed in with is no longer accepted. Sign in again.";

export function App() {
  const [start, setStart] = useState<Start>(() =>
    loadCredentials() ? { state: "restoring" } : { state: "signed-out" },
  );

  // A reload keeps the tab's session: the identity is read again with the stored key.
  useEffect(() => {
    const credentials = loadCredentials();
    if (!credentials) return;
    loadIdentity(createApi(credentials), credentials).then(
      (identity) => setStart({ state: "signed-in", identity }),
      (error: unknown) => {
        if (error instanceof ApiError && error.code === Code.Unauthenticated) {
          clearCredentials();
          setStart({ state: "signed-out", notice: SESSION_ENDED });
        } else {
          setStart({ state: "signed-out", error });
        }
      },
    );
  }, []);

  const signedIn = (identity: Identity) => {
    saveCredentials(identity.credentials);
    setStart({ state: "signed-in", identity });
    navigate({ page: "keys" });
  };
  // The signed-in session's credentials: a refusal of any other (a call still
  // in flight from a session already ended) changes nothing.
  const sessionCredentials = useRef<Credentials | null>(null);
  useEffect(() => {
    sessionCredentials.current = start.state === "signed-in" ? start.identity.credentials : null;
  }, [start]);

  const endSession = useCallback((notice?: string) => {
    sessionCredentials.current = null;
    clearCredentials();
    setStart({ state: "signed-out", notice });
    navigate({ page: "sign-in" });
  }, []);
  const signOut = useCallback(
    (notice?: string) => {
      // A secret on screen that is not yet saved would be lost with the session.
      if (confirmLeave()) endSession(notice);
    },
    [endSession],
  );
  // The gateway refused the session's key mid-session. The dead secret goes
  // at once; the page goes too, unless it shows a secret not yet saved: then
  // a banner says so, and the next refused call after the user leaves it (or
  // the banner's button) ends the session.
  const refused = useCallback(
    (credentials: Credentials) => {
      if (credentials !== sessionCredentials.current) return;
      if (!leaveGuarded()) {
        endSession(SESSION_ENDED);
        return;
      }
      clearCredentials();
      setStart((current) => (current.state === "signed-in" ? { ...current, ended: true } : current));
    },
    [endSession],
  );

  switch (start.state) {
    case "restoring":
      return (
        <p className="loading" role="status">
          Loading…
        </p>
      );
    case "signed-out":
      return (
        <>
          <SkipLink />
          <header className="top">
            <span className="brand">Keyward</span>
          </header>
          {start.error !== undefined && <ErrorMessage error={start.error} />}
          <SignIn onSignedIn={signedIn} notice={start.notice} />
        </>
      );
    case "signed-in":
      return (
        <SignedIn
          identity={start.identity}
          ended={start.ended ?? false}
          signOut={signOut}
          endSession={endSession}
          refused={refused}
        />
      );
  }
}

/** Each shown only to the roles its page is for (identity.ts). */
const ADMIN_LINKS: { page: AdminPage; label: string }[] = [
  { page: "service-accounts", label: "Service accounts" },
  { page: "role-bindings", label: "Role bindings" },
  { page: "audit", label: "Audit trail" },
];

function SignedIn({
  identity,
  ended,
  signOut,
  endSession,
  refused,
}: {
  identity: Identity;
  ended: boolean;
  signOut: (notice?: string) => void;
  endSession: (notice: string) => void;
  refused: (credentials: Credentials) => void;
}) {
  const route = useRoute();
  const session = useMemo(
    () => ({
      api: createApi(identity.credentials, () => refused(identity.credentials)),
      identity,
      signOut: () => signOut(),
      endSession,
    }),
    [identity, signOut, endSession, refused],
  );
  return (
    <SessionContext.Provider value={session}>
      <SkipLink />
      <header className="top">
        <span className="brand">Keyward</span>
        <nav aria-label="Portal">
          <ul>
            <NavLink route={{ page: "keys" }} current={route} label="My keys" />
            <NavLink route={{ page: "create-key" }} current={route} label="Create a key" />
            {ADMIN_LINKS.filter(({ page }) => mayOpen(identity, page)).map(({ page, label }) => (
              <NavLink key={page} route={{ page }} current={route} label={label} />
            ))}
          </ul>
        </nav>
        <div className="who">
          <span title={identity.account.id}>{identity.account.displayName || identity.account.email}</span>
          <button type="button" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      {ended && (
        <div className="error" role="alert">
          <p>
            Your session ended: the key you signed in with is no longer accepted. Save the secret shown below before you
            leave this page; it cannot be shown again.
          </p>
          <button type="button" onClick={() => signOut(SESSION_ENDED)}>
            Sign in again
          </button>
        </div>
      )}
      <Page route={route} />
    </SessionContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "sign-in":
    case "keys":
      return <MyKeys />;
    case "create-key":
      return <CreateKey />;
    case "key":
      return <KeyDetails id={route.id} />;
    case "service-accounts":
      return <ServiceAccounts />;
    case "role-bindings":
      return <RoleBindings />;
    case "audit":
      return <AuditTrail />;
    case "not-found":
      return <NotFound />;
  }
}

function NavLink({ route, current, label }: { route: Route; current: Route; label: string }) {
  const here = route.page === current.page;
  return (
    <li>
      <a href={hrefOf(route)} aria-current={here ? "page" : undefined}>
        {label}
      </a>
    </li>
  );
}

function SkipLink() {
  return (
    <a
      className="skip"
      href="#main"
      onClick={(e) => {
        e.preventDefault();
        // The page's heading takes focus (PageHeading makes it focusable).
        document.querySelector<HTMLElement>("#main h1")?.focus();
      }}
    >
      Skip to content
    </a>
  );
}
