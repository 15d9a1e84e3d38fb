// How times and states read on the page.
import type { ApiKeyState } from "./api/client";

export function formatTime(time: string | undefined, never = "—"): string {
  if (!time) return never;
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return never;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

const STATE_LABELS: Record<string, string> = {
  API_KEY_STATE_ACTIVE: "Active",
  API_KEY_STATE_DISABLED: "Disabled",
  API_KEY_STATE_EXPIRED: "Expired",
};

export function formatState(state: ApiKeyState | undefined): string {
  return STATE_LABELS[state ?? ""] ?? "Unknown";
}
