"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { FlowRfNode } from "../../model/rf-convert";
import { NodeFrame } from "./node-frame";

/** The catch-all owner or queue; ends the path (no outputs). */
export const FallbackNodeView = memo(function FallbackNodeView({ data, selected }: NodeProps<FlowRfNode>) {
  return <NodeFrame node={data.node} view={data.view} selected={selected} />;
});
