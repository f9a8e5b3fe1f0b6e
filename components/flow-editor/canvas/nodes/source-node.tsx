"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { FlowRfNode } from "../../model/rf-convert";
import { NextHandle, NodeFrame } from "./node-frame";

/** Where leads enter: channels and declared fields; one "next" output. */
export const SourceNodeView = memo(function SourceNodeView({ data, selected }: NodeProps<FlowRfNode>) {
  return (
    <NodeFrame node={data.node} view={data.view} selected={selected}>
      <NextHandle nodeId={data.node.id} />
    </NodeFrame>
  );
});
