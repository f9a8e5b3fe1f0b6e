import { compileFlow, evaluateFlow, type FlowGraph, prepareFlow } from "./engine";

const flow: FlowGraph = {
  version: 1,
  nodes: [
    { id: "s", type: "source", position: { x: 0, y: 0 }, data: { channels: [], fields: [] } },
    { id: "a", type: "assign", position: { x: 0, y: 0 }, data: { target: { kind: "rep", repId: "r" } } },
  ],
  edges: [{ id: "e", source: "s", sourceHandle: "next", target: "a" }],
};
const r = compileFlow(flow);
if (!r.ok) throw new Error();
const p = prepareFlow(r.compiled);
const leads = Array.from({ length: 100000 }, (_, i) => ({ source: "web_form", x: i }));
const opts = { trace: false };
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  for (let k = 0; k < 20; k++) for (const l of leads) evaluateFlow(p, l, opts);
  console.log("trivial", Math.round((2e6 / (performance.now() - t)) * 1000));
}
