// Schema check of the rendered manifests against the official OpenAPI schemas (npm kubernetes-models; offline once installed).
// Usage: node .ci/validate-manifests.mjs NODE_PREFIX RENDERED_JSON
//   NODE_PREFIX    where `npm install --prefix` put kubernetes-models and the cert-manager / prometheus-operator models
//   RENDERED_JSON  {"<kustomization dir>": [objects...]}, written by RenderingTests (tests/StrimziGuard.Tests/Deployment)
// Prints one line per kustomization and exits 1 on the first kind it cannot check or any object that does not validate.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [prefix, renderedFile] = process.argv.slice(2);
if (!prefix || !renderedFile) {
  console.error("usage: node .ci/validate-manifests.mjs NODE_PREFIX RENDERED_JSON");
  process.exit(2);
}
const modules = join(prefix, "node_modules");

// Where each API group's models live: the Kubernetes built-ins, cert-manager's and the Prometheus Operator's CRDs.
function modelFile(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const base =
    group === "cert-manager.io" ? join(modules, "@kubernetes-models/cert-manager", group, version)
    : group === "monitoring.coreos.com" ? join(modules, "@kubernetes-models/prometheus-operator", group, version)
    : join(modules, "kubernetes-models", group, version);
  return [`${kind}.mjs`, `${kind}.js`].map((f) => join(base, f)).find(existsSync);
}

const rendered = JSON.parse(readFileSync(renderedFile, "utf8"));
let failures = 0;
for (const [kustomization, objects] of Object.entries(rendered)) {
  let checked = 0;
  for (const obj of objects) {
    const what = `${kustomization}: ${obj.kind} ${obj.metadata?.namespace ?? ""}/${obj.metadata?.name}`;
    const file = modelFile(obj.apiVersion, obj.kind);
    if (!file) {
      console.error(`schema: ${what}: no schema for ${obj.apiVersion} ${obj.kind}`);
      failures++;
      continue;
    }
    const Model = (await import(pathToFileURL(file).href))[obj.kind];
    try {
      new Model(obj).validate();
      checked++;
    } catch (e) {
      console.error(`schema: ${what}: ${e.message}`);
      failures++;
    }
  }
  console.log(`schema: ${kustomization}: ${checked}/${objects.length} objects valid`);
}
process.exit(failures === 0 ? 0 : 1);
