// The webhooks' matchConditions, evaluated by @bufbuild/cel (the CEL engine closest to the API server's cel-go, with the cel-spec
// conformance data), over the request table the C# suite also runs (tests/StrimziGuard.Tests/Deployment/Cel/admission-table.json).
// Usage: node .ci/check-match-conditions.mjs NODE_PREFIX RENDERED_JSON TABLE_JSON
//   NODE_PREFIX    where `npm install --prefix` put @bufbuild/cel
//   RENDERED_JSON  {"<kustomization dir>": [objects...]}, written by RenderingTests; the "manifests" install is judged
//   TABLE_JSON     the request table
// For each request: the webhook entries the API server would call (rules, scope, namespaceSelector, objectSelector, then every
// matchCondition), compared with the table's `calls`. Then: every matchCondition evaluates to a bool on every request of the table
// (CREATE has no oldObject, DELETE no object: an error on a Fail entry would reject the request), and what this engine answers
// where the table says the engines differ. Exits 1 on any mismatch.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [prefix, renderedFile, tableFile] = process.argv.slice(2);
if (!prefix || !renderedFile || !tableFile) {
  console.error("usage: node .ci/check-match-conditions.mjs NODE_PREFIX RENDERED_JSON TABLE_JSON");
  process.exit(2);
}
const cel = await import(pathToFileURL(join(prefix, "node_modules/@bufbuild/cel/dist/esm/index.js")).href);
const { strings } = await import(pathToFileURL(join(prefix, "node_modules/@bufbuild/cel/dist/esm/ext/index.js")).href);

// JSON as the API server hands an unstructured object to CEL: objects are maps, whole numbers ints.
const toCel = (v) =>
  v === null || v === undefined ? null
  : Array.isArray(v) ? v.map(toCel)
  : typeof v === "object" ? new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)]))
  : typeof v === "number" && Number.isInteger(v) ? BigInt(v)
  : v;

function evaluate(expression, variables) {
  const bound = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, toCel(v)]));
  try {
    const result = cel.run(expression, bound, { funcs: strings });
    if (cel.isCelError(result)) return { error: result.message };
    return typeof result === "boolean" ? { value: result } : { error: `not a bool: ${typeof result}` };
  } catch (e) {
    return { error: e.message };
  }
}

const rendered = JSON.parse(readFileSync(renderedFile, "utf8"));
const table = JSON.parse(readFileSync(tableFile, "utf8"));
const webhooks = rendered["manifests"]
  .filter((o) => o.kind === "MutatingWebhookConfiguration" || o.kind === "ValidatingWebhookConfiguration")
  .flatMap((o) => o.webhooks ?? []);
const short = (w) => w.name.replace(".strimzi-guard.io", "");
const variables = (row) => ({ request: row.request, object: row.object, oldObject: row.oldObject });

function selects(selector, labels) {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const ok = { In: has && e.values.includes(labels[e.key]), NotIn: !has || !e.values.includes(labels[e.key]), Exists: has, DoesNotExist: !has }[e.operator];
    if (ok === undefined) throw new Error(`selector operator ${e.operator}`);
    if (!ok) return false;
  }
  return true;
}

function ruleMatches(rule, r) {
  const any = (list, v) => (list ?? []).some((x) => x === "*" || x === v);
  const resource = r.subResource ? `${r.resource.resource}/${r.subResource}` : r.resource.resource;
  const scope = rule.scope ?? "*";
  return any(rule.apiGroups, r.resource.group) && any(rule.apiVersions, r.resource.version) && any(rule.operations, r.operation)
    && any(rule.resources, resource) && (scope === "*" || (scope === "Namespaced") === (r.namespace != null));
}

const failures = [];
function called(row) {
  const r = row.request;
  const labels = (row.object ?? row.oldObject)?.metadata?.labels ?? {};
  return webhooks.filter((w) => {
    if (!(w.rules ?? []).some((rule) => ruleMatches(rule, r))) return false;
    if (r.namespace != null && !selects(w.namespaceSelector, { "kubernetes.io/metadata.name": r.namespace })) return false;
    if (!selects(w.objectSelector, labels)) return false;
    for (const c of w.matchConditions ?? []) {
      const { value, error } = evaluate(c.expression, variables(row));
      if (error !== undefined) {
        failures.push(`${row.name}: ${w.name} matchCondition ${c.name}: ${error}`);
        return false;
      }
      if (!value) return false;
    }
    return true;
  }).map(short);
}

let checks = 0;
for (const row of table.requests) {
  const got = called(row).sort();
  const want = [...row.calls].sort();
  checks++;
  if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${row.name}: calls [${got}], the table says [${want}]`);
}
const expressions = [...new Set(webhooks.flatMap((w) => (w.matchConditions ?? []).map((c) => c.expression)))];
for (const expression of expressions) {
  for (const row of table.requests) {
    checks++;
    const { error } = evaluate(expression, variables(row));
    if (error !== undefined) failures.push(`${expression} on '${row.name}': ${error}`);
  }
}
for (const d of table.engineDifferences) {
  checks++;
  const { value, error } = evaluate(d.expression, d.variables);
  const got = error !== undefined ? (error.startsWith("not a bool") ? "not a bool" : "error") : value;
  if (got !== d.bufbuild) failures.push(`engine difference ${d.expression}: @bufbuild/cel answers ${got}, the table says ${d.bufbuild}`);
}
for (const f of failures) console.error(`cel: ${f}`);
console.log(`cel: @bufbuild/cel judged ${table.requests.length} requests against ${webhooks.length} webhook entries and ${expressions.length} expressions: ${checks - failures.length}/${checks} checks agree`);
process.exit(failures.length === 0 ? 0 : 1);
