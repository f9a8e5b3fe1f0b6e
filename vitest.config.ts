import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // *.pg-test.ts need a PostgreSQL server shared between processes, so they run with DATABASE_URL only.
    include: ["test/**/*.test.ts", ...(process.env.DATABASE_URL ? ["test/**/*.pg-test.ts"] : [])],
    exclude: ["test/e2e/**", "node_modules/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
