import { z } from "zod";

// Input of the analytics dashboard and its CSV export; zod only, so the page can share it.

export const MAX_RANGE_DAYS = 366;
/** Hourly buckets beyond a month would be thousands of points per series: too many to draw. */
export const MAX_HOURLY_RANGE_DAYS = 31;
/** The CSV export stops after this many decisions (the UI says so). */
export const EXPORT_ROW_CAP = 100_000;

const DAY_MS = 86_400_000;

export const analyticsFiltersInput = z
  .object({
    from: z.coerce.date("must be an ISO date"),
    /** Exclusive end of the range. */
    to: z.coerce.date("must be an ISO date"),
    flowId: z.uuid("must be a valid id").optional(),
    poolId: z.uuid("must be a valid id").optional(),
    granularity: z.enum(["day", "hour"], "must be day or hour").default("day"),
  })
  .superRefine((value, ctx) => {
    const span = value.to.getTime() - value.from.getTime();
    if (span <= 0) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "must be before to" });
    } else if (span > MAX_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `must be at most ${MAX_RANGE_DAYS} days after from`,
      });
    } else if (value.granularity === "hour" && span > MAX_HOURLY_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["granularity"],
        message: `hour needs a range of at most ${MAX_HOURLY_RANGE_DAYS} days`,
      });
    }
  });

export type AnalyticsFiltersInput = z.input<typeof analyticsFiltersInput>;
export type AnalyticsFilters = z.output<typeof analyticsFiltersInput>;
