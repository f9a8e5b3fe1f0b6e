"use client";

import { type KeyboardEvent, type ReactNode, useId, useState } from "react";

/** "default" matches the form controls of components/ui/field.tsx; "compact" the flow editor's inspector. */
type TagInputSize = "default" | "compact";

const FRAME: Record<TagInputSize, string> = {
  default: "min-h-[38px] gap-1.5 px-2 py-1.5",
  compact: "min-h-[30px] gap-1 px-1.5 py-1",
};
const CHIP: Record<TagInputSize, string> = {
  default: "px-2",
  compact: "px-1.5",
};
const INPUT_MIN_WIDTH: Record<TagInputSize, string> = {
  default: "min-w-[8rem]",
  compact: "min-w-[5rem]",
};

function frameClass(size: TagInputSize, invalid: boolean, disabled: boolean): string {
  const ring = invalid ? "ring-rose-400" : "ring-slate-300";
  const background = disabled ? "bg-slate-50" : invalid ? "bg-rose-50" : "bg-white";
  return `flex w-full flex-wrap items-center rounded-md shadow-sm ring-1 ring-inset focus-within:ring-2 focus-within:ring-brand-500 ${FRAME[size]} ${ring} ${background}`;
}

/**
 * Free-text tags with suggestions: Enter or comma adds the typed text, Backspace on an empty input
 * removes the last tag. Used by the rep form and (compact) by the flow editor's inspector, which also
 * needs disabled, invalid marking, test ids, a check of each typed tag and a readable name per tag.
 */
export function TagInput({
  value,
  onChange,
  label,
  suggestions = [],
  placeholder,
  size = "default",
  disabled = false,
  invalid = false,
  title,
  testId,
  parse = (text) => text,
  display = (tag) => tag,
  maxTags,
}: {
  value: readonly string[];
  onChange: (tags: string[]) => void;
  /** Accessible name of the text input. */
  label: string;
  suggestions?: readonly string[];
  placeholder?: string | undefined;
  size?: TagInputSize;
  disabled?: boolean;
  invalid?: boolean;
  title?: string | undefined;
  testId?: string | undefined;
  /** Turns typed text into a tag, or null to refuse it (e.g. not a number). */
  parse?: (text: string) => string | null;
  display?: (tag: string) => ReactNode;
  maxTags?: number | undefined;
}) {
  const [draft, setDraft] = useState("");
  const [refused, setRefused] = useState(false);
  const listId = useId();
  const full = maxTags !== undefined && value.length >= maxTags;

  function add(raw: string) {
    const text = raw.trim();
    if (text === "") return;
    const tag = parse(text);
    if (tag === null || full) {
      setRefused(true);
      return;
    }
    if (!value.includes(tag)) onChange([...value, tag]);
    setDraft("");
    setRefused(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add(draft);
    } else if (event.key === "Backspace" && draft === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  const shownInvalid = invalid || refused;
  return (
    <div className={frameClass(size, shownInvalid, disabled)} title={title}>
      {value.map((tag) => (
        <span
          key={tag}
          className={`inline-flex max-w-full items-center gap-1 rounded bg-brand-50 py-0.5 text-xs font-medium text-brand-700 ${CHIP[size]}`}
        >
          <span className="truncate">{display(tag)}</span>
          {disabled ? null : (
            <button
              type="button"
              aria-label={`Remove ${tag}`}
              className="text-brand-500 hover:text-brand-700"
              onClick={() => onChange(value.filter((t) => t !== tag))}
            >
              ×
            </button>
          )}
        </span>
      ))}
      <input
        aria-label={label}
        aria-invalid={shownInvalid || undefined}
        data-testid={testId}
        list={listId}
        value={draft}
        disabled={disabled}
        placeholder={value.length === 0 ? placeholder : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setRefused(false);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => draft && add(draft)}
        className={`${INPUT_MIN_WIDTH[size]} flex-1 border-0 bg-transparent p-0.5 text-sm focus:outline-none disabled:cursor-not-allowed`}
      />
      <datalist id={listId}>
        {suggestions
          .filter((s) => !value.includes(s))
          .map((s) => (
            <option key={s} value={s} />
          ))}
      </datalist>
    </div>
  );
}
