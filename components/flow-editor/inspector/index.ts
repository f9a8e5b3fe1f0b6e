/** The flow editor's inspector: the form of the selected node, and the condition builder it uses. */
export { ConditionBuilder, type ConditionBuilderProps } from "./condition-builder";
export { NodeInspector } from "./node-inspector";
