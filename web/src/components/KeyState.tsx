import type { ApiKeyState } from "../api/client";
import { formatState } from "../format";

/** A key's state as a badge: Active, Disabled or Expired. */
export function KeyState({ state }: { state: ApiKeyState | undefined }) {
  const label = formatState(state);
  return <span className={`state state-${label.toLowerCase()}`}>{label}</span>;
}
