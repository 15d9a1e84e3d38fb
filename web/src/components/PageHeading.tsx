import { useEffect, useRef, type ReactNode } from "react";

/**
 * A page's title. It takes focus when the page opens, so keyboard and screen
 * reader users land on the new page rather than on the link they left.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    if (typeof children === "string") document.title = `${children} · Keyward`;
  }, [children]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
