"use client";

import { type NodeProps, useUpdateNodeInternals } from "@xyflow/react";
import { memo, useEffect, useMemo } from "react";
import { HANDLES } from "@/engine";
import { outputHandles } from "../../model/handles";
import type { FlowRfNode } from "../../model/rf-convert";
import { describeCondition } from "../../model/summary";
import { type LabelledOutput, NodeFrame, OutputRow } from "./node-frame";

/** A decision: one labelled output per case, in order, then "else". */
export const BranchNodeView = memo(function BranchNodeView({ id, data, selected }: NodeProps<FlowRfNode>) {
  const node = data.node;
  const outputs = useMemo((): LabelledOutput[] => {
    const conditions = new Map(
      node.type === "branch" ? node.data.cases.map((c) => [c.id, describeCondition(c.condition)]) : [],
    );
    return outputHandles(node).map((handle) => {
      const condition = conditions.get(handle.id);
      return handle.id === HANDLES.else && condition === undefined
        ? { ...handle, title: "Else: leads that match no case", otherwise: true }
        : { ...handle, title: condition === undefined ? handle.label : `${handle.label}: ${condition}` };
    });
  }, [node]);
  // React Flow measures handles once; when cases are added, removed or reordered it must measure again.
  const handleKey = outputs.map((output) => output.id).join("\u0000");
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => {
    if (handleKey !== "") updateNodeInternals(id);
  }, [id, handleKey, updateNodeInternals]);
  return (
    <NodeFrame node={node} view={data.view} selected={selected}>
      <OutputRow nodeId={node.id} outputs={outputs} />
    </NodeFrame>
  );
});
