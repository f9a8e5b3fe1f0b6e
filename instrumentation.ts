/** Runs once when the server starts: migrate, seed demo data, start the job queue and its workers. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("@/server/db");
  const database = await getDatabase();
  const { getJobQueue } = await import("@/server/queue");
  await getJobQueue();
  console.log(`  Switchyard database ready (${database.driver}); job queue and workers started.`);
}
