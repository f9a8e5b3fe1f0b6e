/**
 * Guards for untrusted JSON-like input, applied before recursive parsing so that deeply nested or
 * enormous values fail fast with a clear message instead of exhausting the stack.
 */

/** Returns a problem description, or null when `value` nests at most `maxDepth` levels. */
export function checkJsonDepth(value: unknown, maxDepth: number): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let visited = 0;
  while (stack.length > 0) {
    const top = stack.pop();
    if (top === undefined) break;
    const { value: current, depth } = top;
    if (current === null || typeof current !== "object") continue;
    if (depth >= maxDepth) return `input nests deeper than ${maxDepth} levels`;
    visited += 1;
    if (visited > 1_000_000) return "input is too large";
    const children: unknown[] = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (child !== null && typeof child === "object") stack.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}
