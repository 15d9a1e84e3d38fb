// A list's filters and its page: changing the filters starts again from the
// first page, as the server's page tokens are only valid with the same filters.
import { useCallback, useState } from "react";

export interface Paging<F> {
  filters: F;
  pageToken: string;
  setFilters: (filters: F) => void;
  firstPage: () => void;
  nextPage: (pageToken: string) => void;
}

export function usePaging<F>(initial: F): Paging<F> {
  const [state, setState] = useState({ filters: initial, pageToken: "" });
  return {
    ...state,
    setFilters: useCallback((filters: F) => setState({ filters, pageToken: "" }), []),
    firstPage: useCallback(() => setState((s) => ({ ...s, pageToken: "" })), []),
    nextPage: useCallback((pageToken: string) => setState((s) => ({ ...s, pageToken })), []),
  };
}
