"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { HANDLES } from "@/engine";
import type { FlowRfNode } from "../../model/rf-convert";
import { type LabelledOutput, NodeFrame, OutputRow } from "./node-frame";

// A pool ends the path when it picks a rep; its only output is for when nobody is eligible.
const POOL_OUTPUTS: readonly LabelledOutput[] = [
  {
    id: HANDLES.noEligible,
    label: "No eligible rep",
    title: "Where leads go when every rep of the pool is away or at capacity",
    otherwise: true,
  },
];

/** Round-robin pool: picks a rep of the team; one "no eligible rep" output. */
export const PoolNodeView = memo(function PoolNodeView({ data, selected }: NodeProps<FlowRfNode>) {
  return (
    <NodeFrame node={data.node} view={data.view} selected={selected}>
      <OutputRow nodeId={data.node.id} outputs={POOL_OUTPUTS} />
    </NodeFrame>
  );
});
