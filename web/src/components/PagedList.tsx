// The parts every paged list shows around its rows: the error, "Loading…"
// until the first answer, what an empty list means, and the pager.
import type { ReactNode } from "react";
import type { Paged } from "../usePagedList";
import { ErrorMessage } from "./ErrorMessage";
import { Pager } from "./Pager";
import "./paged-list.css";

export function PagedList<T>({
  list,
  loadingText = "Loading…",
  empty,
  children,
}: {
  list: Paged<T>;
  loadingText?: string;
  /** Said when the first page has nothing in it. */
  empty: ReactNode;
  /** The rows of a page that has some. */
  children: (items: T[]) => ReactNode;
}) {
  const { items } = list;
  return (
    <>
      <ErrorMessage error={list.error} />
      <div role="status" className="list-status">
        {list.loading && !items ? loadingText : items?.length === 0 && (list.isFirst ? empty : "Nothing more to show.")}
      </div>
      {items && items.length > 0 && children(items)}
      <Pager isFirst={list.isFirst} hasNext={list.hasNext} onFirst={list.firstPage} onNext={list.nextPage} />
    </>
  );
}
