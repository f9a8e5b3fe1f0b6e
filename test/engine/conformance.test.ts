/**
 * The official JSON Logic test suite (../shared/jsonlogic-tests.json, relative to the repository root):
 * every case json-logic-js passes must pass with the compiled evaluator, and on every case the two
 * must behave the same (same value, or both throw). The file is read as it is, so a larger suite
 * dropped in its place is picked up without changes here.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import { compileJsonLogic } from "../../engine";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const suitePath = path.resolve(repoRoot, "../shared/jsonlogic-tests.json");

interface Case {
  section: string;
  rule: unknown;
  data: unknown;
  expected: unknown;
}

function loadSuite(): Case[] {
  const entries: unknown = JSON.parse(readFileSync(suitePath, "utf8"));
  if (!Array.isArray(entries)) throw new Error(`${suitePath} is not a JSON array`);
  const cases: Case[] = [];
  let section = "(no heading)";
  for (const entry of entries) {
    if (typeof entry === "string") {
      section = entry;
    } else if (Array.isArray(entry) && entry.length === 3) {
      cases.push({ section, rule: entry[0], data: entry[1], expected: entry[2] });
    } else {
      throw new Error(`unexpected entry in ${suitePath}: ${JSON.stringify(entry)}`);
    }
  }
  return cases;
}

type Result = { threw: true } | { threw: false; value: unknown };

function attempt(fn: () => unknown): Result {
  try {
    return { threw: false, value: fn() };
  } catch {
    return { threw: true };
  }
}

const cases = loadSuite();
const sections = [...new Set(cases.map((c) => c.section))];

describe("official JSON Logic suite", () => {
  it("has cases to run", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const section of sections) {
    describe(section, () => {
      cases
        .filter((c) => c.section === section)
        .forEach((c, i) => {
          it(`#${i + 1} ${JSON.stringify(c.rule).slice(0, 100)}`, () => {
            const reference = attempt(() =>
              jsonLogic.apply(c.rule as Parameters<typeof jsonLogic.apply>[0], c.data),
            );
            const compiled = attempt(() => compileJsonLogic(c.rule)(c.data));
            expect(compiled).toEqual(reference);
            const referencePasses = !reference.threw && isDeepStrictEqual(reference.value, c.expected);
            if (referencePasses) expect(compiled).toEqual({ threw: false, value: c.expected });
          });
        });
    });
  }

  it("passes every case json-logic-js passes", () => {
    const failures = cases.filter((c) => {
      const reference = attempt(() =>
        jsonLogic.apply(c.rule as Parameters<typeof jsonLogic.apply>[0], c.data),
      );
      if (reference.threw || !isDeepStrictEqual(reference.value, c.expected)) return false;
      const compiled = attempt(() => compileJsonLogic(c.rule)(c.data));
      return compiled.threw || !isDeepStrictEqual(compiled.value, c.expected);
    });
    expect(failures).toEqual([]);
  });
});
