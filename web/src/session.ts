// Who is signed in. The Cloud API key's secret lives in sessionStorage only:
// kept for this tab's session (which a browser may restore with a reopened or
// duplicated tab), cleared on sign-out or when the key is refused, and never
// in localStorage, a cookie or a URL.
export interface Credentials {
  keyId: string;
  secret: string;
}

const STORAGE_KEY = "keyward.credentials";

export function loadCredentials(): Credentials | null {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (!stored) return null;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      typeof (parsed as Credentials).keyId === "string" &&
      typeof (parsed as Credentials).secret === "string"
    ) {
      return parsed as Credentials;
    }
  } catch {
    // Unreadable: treated as signed out below.
  }
  sessionStorage.removeItem(STORAGE_KEY);
  return null;
}

export function saveCredentials(credentials: Credentials): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
}

export function clearCredentials(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/**
 * "KEY:SECRET" as `keywardd bootstrap`, the CLI and the create page give it,
 * or null when it is not of that shape.
 */
export function parseKeyAndSecret(text: string): Credentials | null {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(":");
  if (colon <= 0 || colon === trimmed.length - 1) return null;
  return { keyId: trimmed.slice(0, colon), secret: trimmed.slice(colon + 1) };
}
