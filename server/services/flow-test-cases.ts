import { and, asc, count, eq, inArray } from "drizzle-orm";
import { flows, flowTestCases, pools, reps } from "@/drizzle/schema";
import type { Executor } from "@/server/db/client";
import { type TestCaseExpected, testCaseExpectedSchema } from "@/server/schemas";
import { ServiceError } from "@/server/services/errors";
import { dryRun, type ReadyDraft, type TestRunOutcome } from "@/server/services/flow-test-run";
import { checkLead } from "@/server/services/lead-input";

/** Bounds the work of "run all" and of every publish. */
export const MAX_TEST_CASES_PER_FLOW = 100;

export interface TestCase {
  id: string;
  flowId: string;
  name: string;
  lead: Record<string, unknown>;
  /** Null when the stored expectation cannot be read (it then always fails). */
  expected: TestCaseExpected | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function toTestCase(row: typeof flowTestCases.$inferSelect): TestCase {
  const expected = testCaseExpectedSchema.safeParse(row.expected);
  const lead = row.lead;
  return {
    id: row.id,
    flowId: row.flowId,
    name: row.name,
    lead: lead !== null && typeof lead === "object" && !Array.isArray(lead) ? { ...lead } : {},
    expected: expected.success ? expected.data : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function assertFlowInWorkspace(db: Executor, workspaceId: string, flowId: string): Promise<void> {
  const [flow] = await db
    .select({ id: flows.id })
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.id, flowId)));
  if (!flow) throw new ServiceError("NOT_FOUND", "flowId: no flow with this id in your workspace");
}

async function assertNameFree(db: Executor, flowId: string, name: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: flowTestCases.id })
    .from(flowTestCases)
    .where(and(eq(flowTestCases.flowId, flowId), eq(flowTestCases.name, name)));
  if (clash && clash.id !== exceptId)
    throw new ServiceError("CONFLICT", `name: this flow already has a test case called "${name}"`);
}

export async function listTestCases(db: Executor, workspaceId: string, flowId: string): Promise<TestCase[]> {
  await assertFlowInWorkspace(db, workspaceId, flowId);
  const rows = await db
    .select()
    .from(flowTestCases)
    .where(and(eq(flowTestCases.workspaceId, workspaceId), eq(flowTestCases.flowId, flowId)))
    .orderBy(asc(flowTestCases.name));
  return rows.map(toTestCase);
}

export async function createTestCase(
  db: Executor,
  workspaceId: string,
  userId: string | null,
  input: { flowId: string; name: string; lead: unknown; expected: TestCaseExpected },
): Promise<TestCase> {
  const { lead } = checkLead(input.lead);
  await assertFlowInWorkspace(db, workspaceId, input.flowId);
  const [existing] = await db
    .select({ n: count() })
    .from(flowTestCases)
    .where(eq(flowTestCases.flowId, input.flowId));
  if ((existing?.n ?? 0) >= MAX_TEST_CASES_PER_FLOW)
    throw new ServiceError(
      "BAD_REQUEST",
      `flowId: a flow can have at most ${MAX_TEST_CASES_PER_FLOW} test cases; delete one first`,
    );
  await assertNameFree(db, input.flowId, input.name);
  const [row] = await db
    .insert(flowTestCases)
    .values({
      workspaceId,
      flowId: input.flowId,
      name: input.name,
      lead,
      expected: input.expected,
      createdBy: userId,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return toTestCase(row);
}

export async function updateTestCase(
  db: Executor,
  workspaceId: string,
  input: { id: string; name?: string | undefined; lead?: unknown; expected?: TestCaseExpected | undefined },
): Promise<TestCase> {
  const lead = input.lead === undefined ? undefined : checkLead(input.lead).lead;
  const [current] = await db
    .select({ flowId: flowTestCases.flowId })
    .from(flowTestCases)
    .where(and(eq(flowTestCases.workspaceId, workspaceId), eq(flowTestCases.id, input.id)));
  if (!current) throw new ServiceError("NOT_FOUND", "id: no test case with this id in your workspace");
  if (input.name !== undefined) await assertNameFree(db, current.flowId, input.name, input.id);
  const [row] = await db
    .update(flowTestCases)
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(lead !== undefined && { lead }),
      ...(input.expected !== undefined && { expected: input.expected }),
      updatedAt: new Date(),
    })
    .where(and(eq(flowTestCases.workspaceId, workspaceId), eq(flowTestCases.id, input.id)))
    .returning();
  if (!row) throw new ServiceError("NOT_FOUND", "id: no test case with this id in your workspace");
  return toTestCase(row);
}

export async function deleteTestCase(db: Executor, workspaceId: string, id: string) {
  const [row] = await db
    .delete(flowTestCases)
    .where(and(eq(flowTestCases.workspaceId, workspaceId), eq(flowTestCases.id, id)))
    .returning({ id: flowTestCases.id });
  if (!row) throw new ServiceError("NOT_FOUND", "id: no test case with this id in your workspace");
  return { id: row.id };
}

export interface TestCaseResult {
  caseId: string;
  name: string;
  pass: boolean;
  expected: TestCaseExpected | null;
  actual: TestRunOutcome;
  band: "hot" | "warm" | "cold" | null;
  /** "went to pool EMEA as expected" or "expected pool EMEA, got queue Unassigned". */
  reason: string;
}

/** Pool and rep names for the ids the expectations mention (archived pools included). */
async function expectationNames(db: Executor, workspaceId: string, cases: readonly TestCase[]) {
  const poolIds = cases.flatMap((c) => (c.expected?.kind === "pool" ? [c.expected.poolId] : []));
  const repIds = cases.flatMap((c) => (c.expected?.kind === "rep" ? [c.expected.repId] : []));
  const [poolRows, repRows] = await Promise.all([
    poolIds.length === 0
      ? []
      : db
          .select({ id: pools.id, name: pools.name })
          .from(pools)
          .where(and(eq(pools.workspaceId, workspaceId), inArray(pools.id, poolIds))),
    repIds.length === 0
      ? []
      : db
          .select({ id: reps.id, name: reps.name })
          .from(reps)
          .where(and(eq(reps.workspaceId, workspaceId), inArray(reps.id, repIds))),
  ]);
  return new Map([...poolRows, ...repRows].map((r) => [r.id, r.name]));
}

function describeExpected(expected: TestCaseExpected, names: Map<string, string>): string {
  switch (expected.kind) {
    case "pool":
      return `pool ${names.get(expected.poolId) ?? "(deleted pool)"}`;
    case "rep":
      return `rep ${names.get(expected.repId) ?? "(deleted rep)"}`;
    case "queue":
      return `queue ${expected.queue}`;
    case "rejected":
      return "a rejection";
  }
}

/** The outcome in a few words: "pool EMEA (Ana Schmidt)", "queue Unassigned". */
export function describeOutcome(outcome: TestRunOutcome): string {
  switch (outcome.kind) {
    case "pool":
      return `pool ${outcome.pool.name} (${outcome.rep.name})`;
    case "rep":
      return `rep ${outcome.rep.name}`;
    case "queue":
      return `queue ${outcome.queue}`;
    case "rejected":
      return "a rejection";
  }
}

function outcomeMatches(expected: TestCaseExpected, actual: TestRunOutcome): boolean {
  switch (expected.kind) {
    case "pool":
      return actual.kind === "pool" && actual.pool.id === expected.poolId;
    case "rep":
      // A rep named by an assign node, or the one a pool would pick now.
      return (actual.kind === "rep" || actual.kind === "pool") && actual.rep.id === expected.repId;
    case "queue":
      return actual.kind === "queue" && actual.queue === expected.queue;
    case "rejected":
      return actual.kind === "rejected";
  }
}

/** Compares a test run with what the case expects and says why it passed or failed. */
export function judge(
  expected: TestCaseExpected | null,
  actual: TestRunOutcome,
  band: TestCaseResult["band"],
  names: Map<string, string>,
): { pass: boolean; reason: string } {
  const got = describeOutcome(actual);
  if (expected === null) return { pass: false, reason: `the expected outcome is unreadable; got ${got}` };
  const problems: string[] = [];
  if (!outcomeMatches(expected, actual))
    problems.push(`expected ${describeExpected(expected, names)}, got ${got}`);
  if (expected.band !== undefined && expected.band !== band)
    problems.push(`expected band ${expected.band}, got ${band ?? "no score"}`);
  if (problems.length > 0) return { pass: false, reason: problems.join("; ") };
  return {
    pass: true,
    reason: `went to ${got} as expected${expected.band ? ` (band ${expected.band})` : ""}`,
  };
}

/** Runs every saved case of the flow against a ready draft, writing nothing. */
export async function runTestCases(
  db: Executor,
  workspaceId: string,
  flowId: string,
  draft: ReadyDraft,
): Promise<TestCaseResult[]> {
  const rows = await db
    .select()
    .from(flowTestCases)
    .where(and(eq(flowTestCases.workspaceId, workspaceId), eq(flowTestCases.flowId, flowId)))
    .orderBy(asc(flowTestCases.name));
  const cases = rows.map(toTestCase);
  if (cases.length === 0) return [];
  const names = await expectationNames(db, workspaceId, cases);
  const now = new Date();
  const results: TestCaseResult[] = [];
  // One after another: inside a publish transaction the queries share one connection anyway.
  for (const testCase of cases) {
    const run = await dryRun(db, workspaceId, draft, testCase.lead, now);
    const verdict = judge(testCase.expected, run.outcome, run.band, names);
    results.push({
      caseId: testCase.id,
      name: testCase.name,
      expected: testCase.expected,
      actual: run.outcome,
      band: run.band,
      ...verdict,
    });
  }
  return results;
}

/** "2 saved test cases fail against this draft: "DE lead" (expected pool EMEA, got queue Unassigned); …" */
export function describeFailures(failing: readonly TestCaseResult[]): string {
  const shown = failing.slice(0, 5).map((r) => `"${r.name}" (${r.reason})`);
  const more = failing.length > shown.length ? `; and ${failing.length - shown.length} more` : "";
  const plural = failing.length === 1 ? "test case fails" : "test cases fail";
  return `${failing.length} saved ${plural} against this draft: ${shown.join("; ")}${more}. Fix the flow or the cases, or publish with overrideFailingTests.`;
}

/** Publishing refused because saved test cases fail; the tRPC layer answers PRECONDITION_FAILED. */
export class FailingTestCasesError extends Error {
  constructor(readonly failing: TestCaseResult[]) {
    super(describeFailures(failing));
    this.name = "FailingTestCasesError";
  }
}
