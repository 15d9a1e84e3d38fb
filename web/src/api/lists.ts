// Reading a whole list for a picker: page after page, up to a bound that no
// list a person picks from by hand reaches (the id can still be typed).
import { ApiError, Code } from "./errors";

const MAX_PAGES = 20;
const PAGE_SIZE = 100;

export async function everyPage<T>(
  page: (pageToken: string, pageSize: number) => Promise<{ items: T[]; next: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let token = "";
  for (let n = 0; n < MAX_PAGES; n++) {
    const { items, next } = await page(token, PAGE_SIZE);
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
