import { generateLeads, largeFlow, largeHand } from "./bench/engine";
import { compileFlow, evaluateFlow, prepareFlow } from "./engine";

const r = compileFlow(largeFlow());
if (!r.ok) throw new Error();
const p = prepareFlow(r.compiled);
const leads = generateLeads(100000, 42);
let t = performance.now();
for (let k = 0; k < 20; k++) for (const l of leads) evaluateFlow(p, l, { trace: false });
console.log("compiled", Math.round((2e6 / (performance.now() - t)) * 1000));
t = performance.now();
for (let k = 0; k < 20; k++) for (const l of leads) largeHand(l);
console.log("hand", Math.round((2e6 / (performance.now() - t)) * 1000));
