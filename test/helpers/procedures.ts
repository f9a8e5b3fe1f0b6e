import { appRouter } from "@/server/trpc/root";

function procedureType(value: unknown): string | null {
  if (typeof value !== "function" && (typeof value !== "object" || value === null)) return null;
  const def: unknown = Reflect.get(value, "_def");
  if (typeof def !== "object" || def === null) return null;
  const type: unknown = Reflect.get(def, "type");
  return typeof type === "string" ? type : null;
}

/** Every procedure path of the app router with its type, so sweeping tests notice new procedures. */
export function allProcedures(): { path: string; type: string }[] {
  const found: { path: string; type: string }[] = [];
  const walk = (record: object, prefix: string) => {
    for (const [key, value] of Object.entries(record)) {
      const type = procedureType(value);
      if (type) found.push({ path: `${prefix}${key}`, type });
      else if (typeof value === "object" && value !== null) walk(value, `${prefix}${key}.`);
    }
  };
  walk(appRouter._def.record, "");
  // Code-unit order, as the sweeps sort catalogue keys with a plain sort() ("flowTests" before "flows").
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Mutations that change nothing: they are mutations only because their input (the editor's unsaved
 * flow graph) can be too large for a query's URL. Viewers may call them, so the role sweep does not
 * expect FORBIDDEN; test/server/flow-test-run.test.ts checks that they write nothing.
 */
export const READ_ONLY_MUTATIONS: ReadonlySet<string> = new Set([
  "flowTests.run",
  "flowTests.runAll",
  // Reads the start of a CSV for the import's mapping step (test/server/lead-imports.test.ts).
  "leadImports.preview",
]);
