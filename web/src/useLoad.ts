// Reading data for a page: the latest answer wins, so a slow earlier request
// (filters changed meanwhile) never overwrites a newer one.
import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";

export interface Loaded<T> {
  data?: T;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error: unknown; loading: boolean }>({ error: null, loading: true });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    const request = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    run().then(
      (data) => request === latest.current && setState({ data, error: null, loading: false }),
      (error: unknown) => request === latest.current && setState({ data: undefined, error, loading: false }),
    );
  }, [run, generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}
