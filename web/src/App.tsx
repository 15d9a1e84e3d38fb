import { useCallback, useEffect, useMemo, useState } from "react";
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
import { confirmLeave, hrefOf, navigate, useRoute, type Route } from "./router";
import { clearCredentials, loadCredentials, saveCredentials } from "./session";

type Start =
  { state: "restoring" } | { state: "signed-out"; error?: unknown } | { state: "signed-in"; identity: Identity };

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
        if (error instanceof ApiError && error.code === Code.Unauthenticated) clearCredentials();
        setStart({ state: "signed-out", error });
      },
    );
  }, []);

  const signedIn = (identity: Identity) => {
    saveCredentials(identity.credentials);
    setStart({ state: "signed-in", identity });
    navigate({ page: "keys" });
  };
  const signOut = useCallback(() => {
    // A secret on screen that is not yet saved would be lost with the session.
    if (!confirmLeave()) return;
    clearCredentials();
    setStart({ state: "signed-out" });
    navigate({ page: "sign-in" });
  }, []);

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
          <SignIn onSignedIn={signedIn} />
        </>
      );
    case "signed-in":
      return <SignedIn identity={start.identity} signOut={signOut} />;
  }
}

/** Each shown only to the roles its page is for (identity.ts). */
const ADMIN_LINKS: { page: AdminPage; label: string }[] = [
  { page: "service-accounts", label: "Service accounts" },
  { page: "role-bindings", label: "Role bindings" },
  { page: "audit", label: "Audit trail" },
];

function SignedIn({ identity, signOut }: { identity: Identity; signOut: () => void }) {
  const route = useRoute();
  const session = useMemo(() => ({ api: createApi(identity.credentials), identity, signOut }), [identity, signOut]);
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
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
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
        document.getElementById("main")?.focus();
      }}
    >
      Skip to content
    </a>
  );
}
