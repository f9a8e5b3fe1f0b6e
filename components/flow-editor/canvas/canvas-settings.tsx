"use client";

/**
 * Settings every node component reads: display names for ids and read-only mode. A context rather
 * than node data, because they change rarely and must not re-create every node object.
 */
import { createContext, useContext } from "react";
import type { SummaryNames } from "../model/summary";

export interface CanvasSettings {
  names: SummaryNames;
  readOnly: boolean;
}

const EMPTY_NAMES: SummaryNames = { pools: {}, reps: {} };

export const CanvasSettingsContext = createContext<CanvasSettings>({ names: EMPTY_NAMES, readOnly: false });

export function useCanvasSettings(): CanvasSettings {
  return useContext(CanvasSettingsContext);
}
