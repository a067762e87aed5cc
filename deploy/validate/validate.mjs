// Renders every overlay of deploy/overlays with `kubectl kustomize` and checks each object offline: Kubernetes kinds
// against the API's schemas (kubernetes-models), the operators' kinds against the fields their CRDs require
// (crd-rules.mjs). Exits non-zero on the first overlay with a problem, after listing all of them.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { checkCustomResource, isCustomResource } from "./crd-rules.mjs";

const overlays = join(dirname(fileURLToPath(import.meta.url)), "..", "overlays");

// kubernetes-models lays out one module per kind: "apps/v1" + "Deployment" -> kubernetes-models/apps/v1/Deployment.
async function checkBuiltIn(object) {
  const { apiVersion, kind } = object;
  const path = `kubernetes-models/${apiVersion}/${kind}`;
  let model;
  try {
    model = (await import(path))[kind];
  } catch {
    return [`no schema for ${apiVersion} ${kind}`];
  }
  try {
    new model(withUnwrappedSecretData(object)).validate();
    return [];
  } catch (error) {
    return [error.message];
  }
}

// kustomize wraps base64 values past 70 characters over lines; the API server's decoder skips the line breaks, the
// schema's "byte" format does not.
function withUnwrappedSecretData(object) {
  if (object.kind !== "Secret" || !object.data) return object;
  const data = Object.fromEntries(Object.entries(object.data).map(([key, value]) => [key, String(value).replace(/\s/g, "")]));
  return { ...object, data };
}

let failed = false;
for (const overlay of readdirSync(overlays).sort()) {
  const rendered = execFileSync("kubectl", ["kustomize", join(overlays, overlay)], { encoding: "utf8" });
  const objects = parseAllDocuments(rendered).map((document) => document.toJS()).filter(Boolean);
  const problems = [];
  for (const object of objects) {
    const name = `${object.kind}/${object.metadata?.name}`;
    const found = isCustomResource(object) ? checkCustomResource(object) : await checkBuiltIn(object);
    problems.push(...found.map((problem) => `${name}: ${problem}`));
  }
  if (objects.length === 0) problems.push("renders nothing");
  for (const problem of problems) console.log(`not ok - ${overlay}: ${problem}`);
  console.log(`${problems.length === 0 ? "ok" : "not ok"} - overlay ${overlay}: ${objects.length} objects`);
  failed ||= problems.length > 0;
}
process.exit(failed ? 1 : 0);
