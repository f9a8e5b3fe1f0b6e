/** Move up / move down / remove buttons for one item of an ordered list (cases, rules, fields). */
export function RowActions({
  name,
  index,
  count,
  onMove,
  onRemove,
  disabled = false,
  testIdPrefix,
}: {
  /** How the item is called in the buttons' labels, e.g. "case 2". */
  name: string;
  index: number;
  count: number;
  onMove?: (to: number) => void;
  onRemove: () => void;
  disabled?: boolean;
  testIdPrefix?: string;
}) {
  const button =
    "rounded px-1 text-sm leading-5 text-slate-400 hover:bg-slate-100 hover:text-slate-700 disabled:cursor-not-allowed disabled:opacity-30 disabled:hover:bg-transparent";
  const testId = (suffix: string) => (testIdPrefix === undefined ? undefined : `${testIdPrefix}-${suffix}`);
  return (
    <span className="inline-flex shrink-0 items-center">
      {onMove ? (
        <>
          <button
            type="button"
            className={button}
            aria-label={`Move ${name} up`}
            title="Move up"
            disabled={disabled || index === 0}
            onClick={() => onMove(index - 1)}
            data-testid={testId("up")}
          >
            ↑
          </button>
          <button
            type="button"
            className={button}
            aria-label={`Move ${name} down`}
            title="Move down"
            disabled={disabled || index >= count - 1}
            onClick={() => onMove(index + 1)}
            data-testid={testId("down")}
          >
            ↓
          </button>
        </>
      ) : null}
      <button
        type="button"
        className={`${button} hover:text-rose-600`}
        aria-label={`Remove ${name}`}
        title="Remove"
        disabled={disabled}
        onClick={onRemove}
        data-testid={testId("remove")}
      >
        ×
      </button>
    </span>
  );
}

/** A dashed "+ Add …" button at the end of a list. */
export function AddButton({
  children,
  onClick,
  disabled = false,
  testId,
  title,
}: {
  children: string;
  onClick: () => void;
  disabled?: boolean;
  testId?: string;
  title?: string;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
      title={title}
      className="inline-flex items-center gap-1 rounded-md border border-dashed border-slate-300 px-2 py-1 text-xs font-medium text-slate-600 hover:border-brand-500 hover:text-brand-700 disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:border-slate-300 disabled:hover:text-slate-600"
    >
      + {children}
    </button>
  );
}
