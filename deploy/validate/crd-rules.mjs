// The operators' kinds have no schema package on npm: each is checked for its apiVersion and the fields its CRD
// requires, plus the few values this system relies on (three nodes of each store in production is the overlay's
// business, so only a positive count is required here).
const positive = (value) => Number.isInteger(value) && value > 0;
const present = (value) => value !== undefined && value !== null && value !== "";

const rules = {
  "postgresql.cnpg.io/v1": {
    Cluster: (spec) => [
      [positive(spec.instances), "spec.instances must be a positive integer"],
      [present(spec.storage?.size), "spec.storage.size is required"],
    ],
    Pooler: (spec) => [
      [present(spec.cluster?.name), "spec.cluster.name is required"],
      [["rw", "ro", "r"].includes(spec.type), "spec.type must be rw, ro or r"],
      [["session", "transaction"].includes(spec.pgbouncer?.poolMode), "spec.pgbouncer.poolMode must be session or transaction"],
    ],
    Database: (spec) => [
      [present(spec.cluster?.name), "spec.cluster.name is required"],
      [present(spec.name), "spec.name is required"],
      [present(spec.owner), "spec.owner is required"],
    ],
  },
  "rabbitmq.com/v1beta1": {
    RabbitmqCluster: (spec) => [[positive(spec.replicas), "spec.replicas must be a positive integer"]],
    User: (spec) => [[present(spec.rabbitmqClusterReference?.name), "spec.rabbitmqClusterReference.name is required"]],
    Permission: (spec) => [
      [present(spec.vhost), "spec.vhost is required"],
      [present(spec.user) || present(spec.userReference?.name), "spec.user or spec.userReference.name is required"],
      [present(spec.rabbitmqClusterReference?.name), "spec.rabbitmqClusterReference.name is required"],
      [["configure", "write", "read"].every((p) => typeof spec.permissions?.[p] === "string"), "spec.permissions.configure, write and read are required"],
    ],
  },
};

const groupOf = (apiVersion) => apiVersion.split("/")[0];
const groups = new Set(Object.keys(rules).map(groupOf));

export const isCustomResource = (object) => groups.has(groupOf(object.apiVersion ?? ""));

export function checkCustomResource(object) {
  const rule = rules[object.apiVersion]?.[object.kind];
  if (!rule) return [`unknown kind ${object.kind} for ${object.apiVersion}`];
  if (!present(object.metadata?.name)) return ["metadata.name is required"];
  if (typeof object.spec !== "object" || object.spec === null) return ["spec is required"];
  return rule(object.spec).filter(([ok]) => !ok).map(([, problem]) => problem);
}
