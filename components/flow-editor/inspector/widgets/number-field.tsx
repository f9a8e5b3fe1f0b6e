"use client";

import { type InputHTMLAttributes, useState } from "react";
import { controlClass } from "./styles";

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type" | "className">;

function format(value: number | null): string {
  return value === null ? "" : String(value);
}

/**
 * A number input that keeps what is being typed ("-", "1.") while only reporting complete numbers.
 * With `allowEmpty`, clearing the input reports null; otherwise the last number stays until a new one
 * is typed, and leaving the input shows it again.
 */
export function NumberField({
  value,
  onChange,
  allowEmpty = false,
  invalid = false,
  width = "w-full",
  ...props
}: NativeProps & {
  value: number | null;
  onChange: (value: number | null) => void;
  allowEmpty?: boolean;
  invalid?: boolean;
  width?: string;
}) {
  const [draft, setDraft] = useState(format(value));
  const [shown, setShown] = useState(value);
  // The value changed from outside (undo, another control): show it instead of the stale draft.
  if (!Object.is(value, shown)) {
    setShown(value);
    setDraft(format(value));
  }

  function update(text: string) {
    setDraft(text);
    const trimmed = text.trim();
    if (trimmed === "") {
      if (allowEmpty) {
        setShown(null);
        onChange(null);
      }
      return;
    }
    const parsed = Number(trimmed);
    if (Number.isFinite(parsed)) {
      setShown(parsed);
      onChange(parsed);
    }
  }

  return (
    <input
      type="number"
      step="any"
      inputMode="decimal"
      value={draft}
      onChange={(e) => update(e.target.value)}
      onBlur={() => setDraft(format(value))}
      aria-invalid={invalid || undefined}
      className={controlClass(invalid, width)}
      {...props}
    />
  );
}
