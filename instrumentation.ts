/** Runs once when the server starts: migrate, seed demo data, print the demo sign-in. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("@/server/db");
  const database = await getDatabase();
  console.log(`  Switchyard database ready (${database.driver}).`);
}
