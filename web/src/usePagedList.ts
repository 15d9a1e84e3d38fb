// A list the server pages, under filters: changing the filters starts again
// from the first page, as the server's page tokens are only valid with the
// filters they were issued for. The latest answer wins (useLoad).
import { useCallback, useState, type DependencyList } from "react";
import { useLoad } from "./useLoad";

/** One page as the server answered it; null when the filters cannot be asked about. */
export type ListPage<T> = { items: T[]; next: string } | null;

/** The page on screen, and the way to the others. */
export interface Paged<T> {
  /** The current page's items; undefined until it is read. */
  items?: T[];
  error: unknown;
  loading: boolean;
  reload: () => void;
  isFirst: boolean;
  hasNext: boolean;
  firstPage: () => void;
  nextPage: () => void;
}

export interface PagedList<F, T> extends Paged<T> {
  filters: F;
  setFilters: (filters: F) => void;
}

/** `load` reads one page; `deps` are what it uses besides the filters and the page token. */
export function usePagedList<F, T>(
  initialFilters: F | (() => F),
  load: (filters: F, pageToken: string) => Promise<ListPage<T>>,
  deps: DependencyList,
): PagedList<F, T> {
  const [filters, setFilterState] = useState(initialFilters);
  const [pageToken, setPageToken] = useState("");
  const page = useLoad(() => load(filters, pageToken), [...deps, filters, pageToken]);
  const next = page.data?.next ?? "";
  return {
    filters,
    setFilters: useCallback((changed: F) => {
      setFilterState(changed);
      setPageToken("");
    }, []),
    items: page.data?.items,
    error: page.error,
    loading: page.loading,
    reload: page.reload,
    isFirst: pageToken === "",
    hasNext: next !== "",
    firstPage: useCallback(() => setPageToken(""), []),
    nextPage: () => setPageToken(next),
  };
}
