// My keys' filters live in the address (#/keys?state=…), so a reload or a
// shared link keeps them.
import type { ApiKeyState } from "../api/client";
import { hrefOf } from "../router";

export interface KeyFilters {
  resourceId: string;
  state: ApiKeyState | "";
  /** As typed: a whole number of days, or empty for no such filter. */
  unusedDays: string;
}

const STATES = new Set<string>(["API_KEY_STATE_ACTIVE", "API_KEY_STATE_DISABLED", "API_KEY_STATE_EXPIRED"]);

export function readKeyFilters(): KeyFilters {
  const query = new URLSearchParams(window.location.hash.split("?")[1] ?? "");
  const state = query.get("state") ?? "";
  return {
    resourceId: query.get("resource") ?? "",
    state: STATES.has(state) ? (state as ApiKeyState) : "",
    unusedDays: query.get("unusedDays") ?? "",
  };
}

/** Replaces the address without a page change (no hashchange, no history entry). */
export function writeKeyFilters(filters: KeyFilters): void {
  history.replaceState(history.state, "", keysHref(filters));
}

export function keysHref(filters: Partial<KeyFilters>): string {
  const query = new URLSearchParams();
  if (filters.resourceId) query.set("resource", filters.resourceId);
  if (filters.state) query.set("state", filters.state);
  if (filters.unusedDays) query.set("unusedDays", filters.unusedDays);
  const base = hrefOf({ page: "keys" });
  return query.size > 0 ? `${base}?${query}` : base;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A century: longer ago than any key, and far inside the dates a Date can hold. */
export const MAX_UNUSED_DAYS = 36500;

/** "Unused for N days" as the list's unused_since: now − N days; empty means no such filter. */
export function unusedSinceOf(unusedDays: string): { valid: boolean; since?: string } {
  if (unusedDays === "") return { valid: true };
  const days = Number(unusedDays);
  if (!Number.isInteger(days) || days < 1 || days > MAX_UNUSED_DAYS) return { valid: false };
  return { valid: true, since: new Date(Date.now() - days * DAY_MS).toISOString() };
}
