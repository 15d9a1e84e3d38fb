// Reading a whole list for a picker: page after page, up to a bound that no
// list a person picks from by hand reaches.
import { ApiError, Code } from "./errors";

const MAX_PAGES = 20;

export async function everyPage<T>(
  page: (pageToken: string) => Promise<{ items: T[]; next: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let token = "";
  for (let n = 0; n < MAX_PAGES; n++) {
    const { items, next } = await page(token);
    all.push(...items);
    if (!next) break;
    token = next;
  }
  return all;
}

/** A caller whose roles do not allow a list simply sees nothing in it. */
export function noneIfRefused<T>(error: unknown): T[] {
  if (error instanceof ApiError && error.code === Code.PermissionDenied) return [];
  throw error;
}
