// The pickers on the admin pages offer every environment, resource or account
// the caller can see, read page by page up to a bound (a select with more
// options than that is not usable anyway; the id can still be typed).
const MAX_PAGES = 10;
const PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  nextPageToken: string;
}

export async function listAll<T>(fetchPage: (pageToken: string, pageSize: number) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let pageToken = "";
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, nextPageToken } = await fetchPage(pageToken, PAGE_SIZE);
    all.push(...items);
    if (!nextPageToken) break;
    pageToken = nextPageToken;
  }
  return all;
}
