"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { FlowRfNode } from "../../model/rf-convert";
import { NodeFrame } from "./node-frame";

/** Gives the lead to one rep or a queue; ends the path (no outputs). */
export const AssignNodeView = memo(function AssignNodeView({ data, selected }: NodeProps<FlowRfNode>) {
  return <NodeFrame node={data.node} view={data.view} selected={selected} />;
});
