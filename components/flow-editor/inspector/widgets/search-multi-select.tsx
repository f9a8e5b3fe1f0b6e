"use client";

import { type KeyboardEvent, useId, useMemo, useState } from "react";
import { CHIP_CLASS, frameClass } from "./styles";

export interface PickOption {
  /** What is stored, e.g. "DE". */
  value: string;
  /** What people read, e.g. "Germany". */
  label: string;
}

const MAX_SHOWN = 60;

/** Options not yet picked that match the query by label or value: exact value, then label prefix, then the rest. */
export function matchOptions(
  options: readonly PickOption[],
  picked: readonly string[],
  query: string,
): PickOption[] {
  const q = query.trim().toLowerCase();
  const taken = new Set(picked);
  const free = options.filter((o) => !taken.has(o.value));
  if (q === "") return free;
  const rank = (o: PickOption): number => {
    const label = o.label.toLowerCase();
    if (o.value.toLowerCase() === q) return 0;
    if (label.startsWith(q)) return 1;
    if (label.includes(q) || o.value.toLowerCase().startsWith(q)) return 2;
    return 3;
  };
  return free
    .map((o) => ({ o, r: rank(o) }))
    .filter(({ r }) => r < 3)
    .sort((a, b) => a.r - b.r)
    .map(({ o }) => o);
}

/**
 * A searchable multi-select: picked values as chips, a search box that lists matching options.
 * Arrow keys move through the list, Enter picks, Escape closes, Backspace on an empty box removes
 * the last chip. Values not among the options stay (shown as they are) so nothing is lost.
 */
export function SearchMultiSelect({
  label,
  options,
  value,
  onChange,
  disabled = false,
  invalid = false,
  title,
  placeholder = "Type to search…",
  testId,
}: {
  /** Accessible name of the search box and the list. */
  label: string;
  options: readonly PickOption[];
  value: readonly string[];
  onChange: (values: string[]) => void;
  disabled?: boolean;
  invalid?: boolean;
  title?: string | undefined;
  placeholder?: string;
  testId?: string;
}) {
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o])), [options]);
  const matches = useMemo(
    () => matchOptions(options, value, query).slice(0, MAX_SHOWN),
    [options, value, query],
  );
  const expanded = open && !disabled && matches.length > 0;
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));

  function pick(option: PickOption | undefined) {
    if (option === undefined) return;
    onChange([...value, option.value]);
    setQuery("");
    setActive(0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setOpen(true);
        setActive(Math.min(activeIndex + 1, matches.length - 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        setActive(Math.max(activeIndex - 1, 0));
        break;
      case "Enter":
        event.preventDefault();
        if (expanded) pick(matches[activeIndex]);
        break;
      case "Escape":
        setOpen(false);
        break;
      case "Backspace":
        if (query === "" && value.length > 0) onChange(value.slice(0, -1));
        break;
    }
  }

  return (
    <div className="relative">
      <div className={frameClass(invalid, disabled)} title={title}>
        {value.map((v) => {
          const option = byValue.get(v);
          return (
            <span
              key={v}
              className={option ? CHIP_CLASS : `${CHIP_CLASS} bg-amber-50 text-amber-800`}
              title={option ? v : `${v} is not in the list`}
            >
              <span className="truncate">{option ? option.label : v}</span>
              {option ? <span className="text-[10px] text-brand-500">{v}</span> : null}
              {disabled ? null : (
                <button
                  type="button"
                  aria-label={`Remove ${option?.label ?? v}`}
                  className="text-brand-500 hover:text-brand-700"
                  onClick={() => onChange(value.filter((x) => x !== v))}
                >
                  ×
                </button>
              )}
            </span>
          );
        })}
        <input
          role="combobox"
          aria-label={label}
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded ? `${listId}-${activeIndex}` : undefined}
          aria-invalid={invalid || undefined}
          data-testid={testId}
          value={query}
          disabled={disabled}
          placeholder={value.length === 0 ? placeholder : undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          className="min-w-[5rem] flex-1 border-0 bg-transparent p-0.5 text-sm focus:outline-none disabled:cursor-not-allowed"
        />
      </div>
      <div
        id={listId}
        role="listbox"
        aria-label={label}
        aria-multiselectable="true"
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-56 w-full overflow-y-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
      >
        {expanded
          ? matches.map((option, i) => (
              <div
                key={option.value}
                // Focus stays in the search box (aria-activedescendant); options are reachable by arrow keys.
                tabIndex={-1}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                // mousedown, not click: picking must happen before the input's blur closes the list.
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(option);
                }}
                onMouseEnter={() => setActive(i)}
                className={`flex cursor-pointer items-center justify-between px-2 py-1 ${i === activeIndex ? "bg-brand-50 text-brand-700" : "text-slate-700"}`}
              >
                <span className="truncate">{option.label}</span>
                <span className="ml-2 text-xs text-slate-400">{option.value}</span>
              </div>
            ))
          : null}
      </div>
    </div>
  );
}
