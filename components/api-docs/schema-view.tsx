import {
  constraintsOf,
  type JsonSchema,
  type OpenApiDoc,
  refName,
  resolve,
  typeLabel,
  variantsOf,
} from "@/components/api-docs/openapi-model";

/** Descriptions use `code` and **bold**, as in the OpenAPI document. */
export function Prose({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith("`") && part.endsWith("`") ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the split pieces of one string never reorder
          <code key={i} className="rounded bg-slate-100 px-1 text-[0.9em]">
            {part.slice(1, -1)}
          </code>
        ) : part.startsWith("**") ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <strong key={i}>{part.slice(2, -2)}</strong>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A type, linking to the schema section when it names a shared schema. */
export function TypeName({ schema, doc }: { schema: JsonSchema | undefined; doc: OpenApiDoc }) {
  const ref = refName(schema) ?? refName(schema?.items);
  const label = typeLabel(schema, doc);
  if (!ref) return <span className="font-mono text-xs text-violet-700">{label}</span>;
  return (
    <a href={`#schema-${ref}`} className="font-mono text-xs text-brand-700 underline decoration-dotted">
      {label}
    </a>
  );
}

/** Object properties as rows; inline nested objects are shown indented beneath their property. */
export function SchemaView({
  schema,
  doc,
  depth = 0,
}: {
  schema: JsonSchema | undefined;
  doc: OpenApiDoc;
  depth?: number;
}) {
  const s = depth === 0 ? resolve(schema, doc) : schema;
  if (!s) return null;
  const variants = s.anyOf || s.oneOf ? variantsOf(s) : null;
  if (variants && !s.properties) {
    const nonNull = variants.filter((v) => v.type !== "null");
    return (
      <div className="space-y-2">
        <p className="text-xs text-slate-500">
          One of{variants.length > nonNull.length ? " (or null)" : ""}:
        </p>
        {nonNull.map((variant, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: variants have no identity beyond their position
          <div key={i} className="rounded-md ring-1 ring-slate-200">
            {variant.properties ? (
              <SchemaView schema={variant} doc={doc} depth={depth + 1} />
            ) : (
              <div className="px-3 py-2">
                <TypeName schema={variant} doc={doc} />
              </div>
            )}
          </div>
        ))}
      </div>
    );
  }
  if (!s.properties) {
    return (
      <p className="text-sm text-slate-600">
        <TypeName schema={s} doc={doc} />
        {s.description ? ` — ${s.description}` : null}
      </p>
    );
  }
  const required = new Set(s.required ?? []);
  return (
    <table className="w-full text-left text-sm">
      <tbody className="divide-y divide-slate-100">
        {Object.entries(s.properties).map(([name, prop]) => {
          const nested = !prop.$ref ? nestedObject(prop) : null;
          return (
            <tr key={name} className="align-top">
              <td className={`${depth === 0 ? "w-44" : "w-32"} py-2 pr-3 pl-3`}>
                <code className="break-all text-xs font-semibold text-slate-900">{name}</code>
                {required.has(name) ? (
                  <span className="block text-[10px] font-medium uppercase text-rose-600">required</span>
                ) : null}
              </td>
              <td className="py-2 pr-3">
                <TypeName schema={prop} doc={doc} />
                {prop.description ? (
                  <p className="mt-0.5 text-xs text-slate-600">
                    <Prose text={prop.description} />
                  </p>
                ) : null}
                {constraintsOf(prop).length > 0 ? (
                  <p className="mt-0.5 text-xs text-slate-400">{constraintsOf(prop).join(" · ")}</p>
                ) : null}
                {nested && depth < 4 ? (
                  <div className="mt-2 rounded-md bg-slate-50 ring-1 ring-slate-200">
                    <SchemaView schema={nested} doc={doc} depth={depth + 1} />
                  </div>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The inline object (or object variants, or array items) a property holds, if any. */
function nestedObject(prop: JsonSchema): JsonSchema | null {
  if (prop.properties) return prop;
  const variants = prop.anyOf || prop.oneOf ? variantsOf(prop).filter((v) => v.type !== "null") : null;
  if (variants?.length === 1 && variants[0]?.properties) return variants[0];
  if (variants && variants.length > 1 && variants.some((v) => v.properties)) return { anyOf: variants };
  if (prop.items?.properties) return prop.items;
  return null;
}

export function JsonBlock({ value }: { value: unknown }) {
  return (
    <pre className="min-w-0 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
      {typeof value === "string" ? value : JSON.stringify(value, null, 2)}
    </pre>
  );
}
