/**
 * JSON schemas for kubeconform, made from what the package registries ship: the Kubernetes API's
 * OpenAPI (swagger.json of the k8s.io/kubernetes Go module) and the CRDs of the KEDA Go module.
 * They are laid out as kubeconform looks them up (`{kind}{-group-first-part}-{version}.json`) and
 * made strict: an object schema that lists its properties admits no others, so a misspelt field
 * (`readinesProbe`) fails validation instead of being dropped by the API server.
 *
 * Pure transforms here; scripts/deploy/tools.ts reads and writes the files.
 */

export type Schema = Record<string, unknown>;

/** The file name kubeconform derives from a resource's apiVersion and kind. */
export function schemaFileName(apiVersion: string, kind: string): string {
  const [groupOrVersion = '', version] = apiVersion.split('/');
  const suffix = `-${(groupOrVersion.split('.')[0] ?? '').toLowerCase()}${version !== undefined ? `-${version.toLowerCase()}` : ''}`;
  return `${kind.toLowerCase()}${suffix}.json`;
}

/** Makes one schema node strict and readable by a JSON-schema validator, recursively. */
export function strictify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictify);
  if (node === null || typeof node !== 'object') return node;
  const source = node as Schema;
  const result: Schema = {};
  for (const [key, value] of Object.entries(source)) result[key] = strictify(value);
  // Kubernetes' IntOrString (a port by number or name, a percentage) and Quantity ("500m", 1).
  if (source.format === 'int-or-string' || source['x-kubernetes-int-or-string'] === true) {
    delete result.type;
    delete result.format;
    result.oneOf = [{ type: 'string' }, { type: 'integer' }];
  }
  if (source.nullable === true && typeof source.type === 'string') result.type = [source.type, 'null'];
  const open = source['x-kubernetes-preserve-unknown-fields'] === true;
  if (source.properties !== undefined && source.additionalProperties === undefined && !open) result.additionalProperties = false;
  return result;
}

interface Swagger {
  definitions: Record<string, Schema & { 'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[] }>;
}

/** One standalone schema per kind of the Kubernetes API, each with the definitions it reaches. */
export function schemasFromSwagger(swagger: Swagger): Map<string, Schema> {
  const files = new Map<string, Schema>();
  const definitions = swagger.definitions;
  for (const [id, definition] of Object.entries(definitions)) {
    const kinds = definition['x-kubernetes-group-version-kind'];
    // Types shared by many kinds (DeleteOptions, WatchEvent) are not resources of their own.
    if (kinds?.length !== 1 || kinds[0] === undefined) continue;
    const { group, version, kind } = kinds[0];
    const apiVersion = group === '' ? version : `${group}/${version}`;
    const file = schemaFileName(apiVersion, kind);
    if (files.has(file)) continue;
    const reached: Record<string, unknown> = {};
    const pending = [id];
    while (pending.length > 0) {
      const next = pending.pop() as string;
      if (next in reached || definitions[next] === undefined) continue;
      reached[next] = strictify(withQuantity(next, definitions[next]));
      for (const ref of JSON.stringify(definitions[next]).matchAll(/"#\/definitions\/([^"]+)"/g)) pending.push(ref[1] as string);
    }
    files.set(file, { $schema: 'http://json-schema.org/draft-07/schema#', ...(reached[id] as Schema), definitions: reached });
  }
  return files;
}

function withQuantity(id: string, definition: Schema): Schema {
  return id === 'io.k8s.apimachinery.pkg.api.resource.Quantity' ? { ...definition, format: 'int-or-string' } : definition;
}

interface CustomResourceDefinition {
  spec: { group: string; names: { kind: string }; versions: { name: string; schema?: { openAPIV3Schema?: Schema } }[] };
}

/** One schema per served version of a CRD, from its openAPIV3Schema. */
export function schemasFromCrd(crd: CustomResourceDefinition): Map<string, Schema> {
  const files = new Map<string, Schema>();
  for (const version of crd.spec.versions) {
    const schema = version.schema?.openAPIV3Schema;
    if (schema === undefined) continue;
    const file = schemaFileName(`${crd.spec.group}/${version.name}`, crd.spec.names.kind);
    // metadata is the API server's ObjectMeta, which a CRD's schema leaves open.
    files.set(file, { $schema: 'http://json-schema.org/draft-07/schema#', ...(strictify(schema) as Schema) });
  }
  return files;
}
