"use client";

import { useRef } from "react";

function shallowEqual(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
  );
}

/**
 * The previous record while the new one has the same entries. Lets callers pass inline objects
 * (`poolNames={{ ... }}`) without re-rendering every node on each render of the page.
 */
export function useShallowStable(record: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const previous = useRef(record);
  if (previous.current !== record && !shallowEqual(previous.current, record)) previous.current = record;
  return previous.current;
}
