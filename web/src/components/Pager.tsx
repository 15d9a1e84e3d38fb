/** Paging by the server's page tokens: back to the first page, or on to the next. */
export function Pager({
  onFirst,
  onNext,
  hasNext,
  isFirst,
}: {
  onFirst: () => void;
  onNext: () => void;
  hasNext: boolean;
  isFirst: boolean;
}) {
  if (isFirst && !hasNext) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" onClick={onFirst} disabled={isFirst}>
        First page
      </button>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        Next page
      </button>
    </nav>
  );
}
