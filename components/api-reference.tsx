// A readable reference of the JSON API, rendered on the server from the OpenAPI document itself
// (no script, no assets from anywhere else).
import type { ReactNode } from "react";

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
};
export type OpenApiLike = {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

export function ApiReference({ document }: { document: OpenApiLike }) {
  const base = document.servers?.[0]?.url ?? "";
  const resolve = (schema: Schema): Schema => {
    const name = schema.$ref?.replace("#/components/schemas/", "");
    return name ? (document.components?.schemas?.[name] ?? schema) : schema;
  };
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );
  return (
    <div className="space-y-8">
      <nav
        aria-label="Operations"
        className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
      >
        <ul className="grid gap-1 sm:grid-cols-2">
          {operations.map(({ path, method, operation }) => (
            <li key={operation.operationId}>
              <a
                href={`#${operation.operationId}`}
                className="text-indigo-700 underline-offset-2 hover:underline"
              >
                <span className="font-mono text-xs uppercase">{method}</span> {base}
                {path}
              </a>
              <span className="text-slate-600"> — {operation.summary}</span>
            </li>
          ))}
        </ul>
      </nav>
      {operations.map(({ path, method, operation }) => (
        <section
          key={operation.operationId}
          id={operation.operationId}
          aria-labelledby={`${operation.operationId}-title`}
          className="rounded-lg border border-slate-200 bg-white shadow-sm"
        >
          <header className="border-b border-slate-200 px-5 py-3">
            <h2
              id={`${operation.operationId}-title`}
              className="font-mono text-sm font-semibold text-slate-900"
            >
              <span className="mr-2 rounded bg-slate-800 px-1.5 py-0.5 text-xs uppercase text-white">
                {method}
              </span>
              {base}
              {path}
            </h2>
            <p className="mt-1 text-sm text-slate-700">
              {operation.summary}
              {operation.security?.length === 0 ? " (no token needed)" : null}
            </p>
          </header>
          <div className="space-y-4 px-5 py-4 text-sm">
            {operation.description ? <p className="text-slate-700">{operation.description}</p> : null}
            {operation.parameters?.length ? (
              <Block title="Parameters">
                <ul className="space-y-1">
                  {operation.parameters.map((parameter) => (
                    <li key={`${parameter.in}-${parameter.name}`}>
                      <code>{parameter.name}</code> <span className="text-slate-500">({parameter.in})</span>{" "}
                      {parameter.schema ? <TypeOf schema={parameter.schema} resolve={resolve} /> : null}
                      {parameter.required ? <span className="text-slate-500"> required</span> : null}
                      {(parameter.description ?? parameter.schema?.description) ? (
                        <span className="text-slate-700">
                          {" "}
                          — {parameter.description ?? parameter.schema?.description}
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </Block>
            ) : null}
            {operation.requestBody
              ? Object.entries(operation.requestBody.content).map(([media, { schema }]) => (
                  <Block key={media} title={`Body (${media})`}>
                    <Fields schema={resolve(schema)} resolve={resolve} />
                  </Block>
                ))
              : null}
            <Block title="Responses">
              <ul className="space-y-2">
                {Object.entries(operation.responses).map(([status, response]) => (
                  <li key={status}>
                    <span className="font-mono font-semibold">{status}</span> {response.description}
                    {Object.entries(response.content ?? {}).map(([media, { schema }]) => (
                      <span key={media} className="text-slate-500">
                        {" "}
                        · {media} <TypeOf schema={schema} resolve={resolve} />
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </Block>
          </div>
        </section>
      ))}
      {Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => (
        <section
          key={name}
          id={`schema-${name}`}
          aria-labelledby={`schema-${name}-title`}
          className="rounded-lg border border-slate-200 bg-white px-5 py-4 text-sm shadow-sm"
        >
          <h2 id={`schema-${name}-title`} className="mb-2 font-mono font-semibold text-slate-900">
            {name}
          </h2>
          {schema.description ? <p className="mb-2 text-slate-700">{schema.description}</p> : null}
          <Fields schema={schema} resolve={resolve} />
        </section>
      ))}
    </div>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h3>
      {children}
    </div>
  );
}

function TypeOf({ schema, resolve }: { schema: Schema; resolve: (schema: Schema) => Schema }): ReactNode {
  if (schema.$ref) {
    const name = schema.$ref.replace("#/components/schemas/", "");
    return (
      <a href={`#schema-${name}`} className="font-mono text-indigo-700 underline">
        {name}
      </a>
    );
  }
  if (schema.enum) return <code>{schema.enum.map((value) => JSON.stringify(value)).join(" | ")}</code>;
  if (schema.const !== undefined) return <code>{JSON.stringify(schema.const)}</code>;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants)
    return (
      <>
        {variants.map((variant, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: variants have no identity but their place
          <span key={index}>
            {index > 0 ? " | " : null}
            <TypeOf schema={variant} resolve={resolve} />
          </span>
        ))}
      </>
    );
  if (schema.type === "array" && schema.items)
    return (
      <>
        <TypeOf schema={schema.items} resolve={resolve} />
        <code>[]</code>
      </>
    );
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return <code>{schema.format ? `${type} (${schema.format})` : type}</code>;
}

function Fields({ schema, resolve }: { schema: Schema; resolve: (schema: Schema) => Schema }) {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return <TypeOf schema={schema} resolve={resolve} />;
  const required = new Set(schema.required ?? []);
  return (
    <ul className="space-y-1">
      {properties.map(([name, property]) => (
        <li key={name}>
          <code className="font-semibold">{name}</code> <TypeOf schema={property} resolve={resolve} />
          {required.has(name) ? <span className="text-slate-500"> required</span> : null}
          {property.maxLength !== undefined ? (
            <span className="text-slate-500"> ≤ {property.maxLength} characters</span>
          ) : null}
          {property.description ? <span className="text-slate-700"> — {property.description}</span> : null}
        </li>
      ))}
    </ul>
  );
}
