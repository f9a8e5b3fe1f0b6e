"use client";

import { type KeyboardEvent, type ReactNode, useId, useState } from "react";
import { CHIP_CLASS, frameClass } from "./styles";

/**
 * Free-text tags with suggestions, like components/ui/tag-input.tsx, plus what the inspector needs:
 * disabled, invalid marking, test ids, a check of each typed tag and a readable name per tag.
 * Enter or comma adds the typed text, Backspace on an empty input removes the last tag.
 */
export function TagField({
  value,
  onChange,
  label,
  suggestions = [],
  placeholder,
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
  placeholder?: string;
  disabled?: boolean;
  invalid?: boolean;
  title?: string | undefined;
  testId?: string;
  /** Turns typed text into a tag, or null to refuse it (e.g. not a number). */
  parse?: (text: string) => string | null;
  display?: (tag: string) => ReactNode;
  maxTags?: number;
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
    <div className={frameClass(shownInvalid, disabled)} title={title}>
      {value.map((tag) => (
        <span key={tag} className={CHIP_CLASS}>
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
        className="min-w-[5rem] flex-1 border-0 bg-transparent p-0.5 text-sm focus:outline-none disabled:cursor-not-allowed"
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
