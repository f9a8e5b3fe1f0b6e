import { generateLeads, largeFlow } from "./bench/engine";
import { compileFlow, evaluateFlow, prepareFlow } from "./engine";

const r = compileFlow(largeFlow());
if (!r.ok) throw new Error();
const p = prepareFlow(r.compiled);
const opts = { trace: false };
const variants: Record<string, Record<string, unknown>[]> = {
  rejected: Array.from({ length: 100000 }, () => ({
    source: "fax",
    state: "CA",
    industry: "saas",
    employees: 500,
  })),
  noState: Array.from({ length: 100000 }, () => ({ source: "web_form", industry: "saas", employees: 500 })),
  caSaas500: Array.from({ length: 100000 }, () => ({
    source: "web_form",
    state: "CA",
    industry: "saas",
    employees: 500,
  })),
  caRetail50: Array.from({ length: 100000 }, () => ({
    source: "web_form",
    state: "CA",
    industry: "retail",
    employees: 50,
  })),
  generated: generateLeads(100000, 42),
};
for (const [name, leads] of Object.entries(variants)) {
  for (const l of leads) evaluateFlow(p, l, opts);
  const t = performance.now();
  for (let k = 0; k < 10; k++) for (const l of leads) evaluateFlow(p, l, opts);
  console.log(name, Math.round((1e6 / (performance.now() - t)) * 1000).toLocaleString());
}
