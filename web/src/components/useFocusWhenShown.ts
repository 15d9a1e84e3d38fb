import { useEffect, useRef } from "react";

/**
 * A ref for what an action produced (its result or its error): it takes
 * focus each time `shown` changes to something, so keyboard and screen reader
 * users land on the outcome rather than on the button they pressed.
 */
export function useFocusWhenShown<T extends HTMLElement>(shown: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (shown !== null && shown !== undefined && shown !== false) ref.current?.focus();
  }, [shown]);
  return ref;
}
