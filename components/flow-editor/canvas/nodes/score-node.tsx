"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { FlowRfNode } from "../../model/rf-convert";
import { NextHandle, NodeFrame } from "./node-frame";

/** Scoring rules and hot/warm bands; one "next" output. */
export const ScoreNodeView = memo(function ScoreNodeView({ data, selected }: NodeProps<FlowRfNode>) {
  return (
    <NodeFrame node={data.node} view={data.view} selected={selected}>
      <NextHandle nodeId={data.node.id} />
    </NodeFrame>
  );
});
