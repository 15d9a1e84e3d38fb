// A small hash router: the page is the part of the URL after '#', so the
// gateway serves one index.html and a reload keeps the page.
import { useEffect, useState } from "react";

export type Route =
  | { page: "sign-in" }
  | { page: "keys" }
  | { page: "create-key" }
  | { page: "key"; id: string }
  | { page: "service-accounts" }
  | { page: "role-bindings" }
  | { page: "audit" }
  | { page: "not-found" };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "").split("?")[0] || "/keys";
  let parts: string[];
  try {
    parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    // Malformed percent-encoding (#/keys/%E0) names no page.
    return { page: "not-found" };
  }
  switch (parts[0]) {
    case "sign-in":
      return { page: "sign-in" };
    case "keys":
      if (parts.length === 1) return { page: "keys" };
      if (parts[1] === "new" && parts.length === 2) return { page: "create-key" };
      if (parts.length === 2 && parts[1]) return { page: "key", id: parts[1] };
      break;
    case "admin":
      if (parts[1] === "service-accounts") return { page: "service-accounts" };
      if (parts[1] === "role-bindings") return { page: "role-bindings" };
      if (parts[1] === "audit") return { page: "audit" };
      break;
  }
  return { page: "not-found" };
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case "sign-in":
      return "#/sign-in";
    case "keys":
      return "#/keys";
    case "create-key":
      return "#/keys/new";
    case "key":
      return `#/keys/${encodeURIComponent(route.id)}`;
    case "service-accounts":
      return "#/admin/service-accounts";
    case "role-bindings":
      return "#/admin/role-bindings";
    case "audit":
      return "#/admin/audit";
    case "not-found":
      return "#/";
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    // Registered after the leave guard's listener (at module load), so a
    // refused leave never reaches it.
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}

// A page with something that would be lost (a secret shown once) asks before
// the user leaves it: by a link in the portal (hashchange) or by closing or
// reloading the tab (beforeunload).
let leaveQuestion: string | null = null;

/**
 * Asks the guard's question, if a page has set one; true when the user may
 * leave. A yes lifts the guard, as the caller is about to leave the page (so
 * the navigation that follows does not ask again).
 */
export function confirmLeave(): boolean {
  if (leaveQuestion === null) return true;
  if (!window.confirm(leaveQuestion)) return false;
  leaveQuestion = null;
  return true;
}

window.addEventListener("hashchange", (event) => {
  if (!confirmLeave()) {
    // Put the address back without a second hashchange.
    history.replaceState(history.state, "", new URL(event.oldURL).hash || "#/");
    event.stopImmediatePropagation();
  }
});

window.addEventListener("beforeunload", (event) => {
  if (leaveQuestion !== null) event.preventDefault();
});

/** Whether a page has something on screen that leaving would lose. */
export function leaveGuarded(): boolean {
  return leaveQuestion !== null;
}

/** While `question` is not null, leaving the page asks it first. */
export function useLeaveGuard(question: string | null): void {
  useEffect(() => {
    leaveQuestion = question;
    return () => {
      if (leaveQuestion === question) leaveQuestion = null;
    };
  }, [question]);
}

// A one-line notice for the next page, handed over in memory rather than in
// the address, so a link cannot make the portal claim something happened.
let flash: string | null = null;

/** Leaves `notice` for the next page that takes it. */
export function setFlash(notice: string): void {
  flash = notice;
}

/**
 * The notice left for the page that calls this, once: it is taken when the
 * page mounts, so a reload or a later visit shows none.
 */
export function useFlash(): string | null {
  const [notice] = useState(() => flash);
  useEffect(() => {
    flash = null;
  }, []);
  return notice;
}
