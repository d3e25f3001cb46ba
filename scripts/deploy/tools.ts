/**
 * The Node side of scripts/deploy/validate.sh:
 *   schemas <swagger.json> <crd dir> <out dir>       kubeconform's schemas
 *   to-json <manifests.yaml> <out.json>              rendered manifests as JSON
 *   kafka-topics <manifests.json> <label>            KafkaTopics against Strimzi's models (kafka-topics.ts)
 *   compose <compose.yaml> <compose-spec.json>       Compose file against its schema
 * The YAML parser and the JSON-schema validator come from the npm registry into the tools cache
 * (DEPLOY_NODE_MODULES), not from the workspace: only this check needs them. Strimzi's models are
 * a devDependency of the workspace, pinned in its lockfile.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { schemasFromCrd, schemasFromSwagger, type Schema } from './json-schemas.js';
import { kafkaTopicProblems } from './kafka-topics.js';

interface YamlLib {
  parseAllDocuments(text: string, options?: { merge?: boolean }): { errors: { message: string }[]; toJS(): unknown }[];
}
interface AjvInstance {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
}
type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;

const modules = process.env.DEPLOY_NODE_MODULES;
if (!modules) throw new Error('DEPLOY_NODE_MODULES: is required (scripts/deploy/validate.sh sets it)');

async function load<T>(entry: string): Promise<T> {
  return (await import(pathToFileURL(path.join(modules as string, entry)).href)) as T;
}

async function readYamlDocuments(file: string): Promise<unknown[]> {
  const yaml = await load<YamlLib>('yaml/dist/index.js');
  const documents = yaml.parseAllDocuments(readFileSync(file, 'utf8'), { merge: true });
  const problems = documents.flatMap((document) => document.errors.map((error) => error.message));
  if (problems.length > 0) throw new Error(`${file}: not valid YAML: ${problems.join('; ')}`);
  return documents.map((document) => document.toJS()).filter((value) => value !== null && value !== undefined);
}

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case 'schemas': {
    const [swaggerFile, crdDir, outDir] = args as [string, string, string];
    mkdirSync(outDir, { recursive: true });
    const files = schemasFromSwagger(JSON.parse(readFileSync(swaggerFile, 'utf8')) as Parameters<typeof schemasFromSwagger>[0]);
    for (const name of readdirSync(crdDir).filter((file) => file.endsWith('.yaml'))) {
      for (const crd of await readYamlDocuments(path.join(crdDir, name))) {
        for (const [file, schema] of schemasFromCrd(crd as Parameters<typeof schemasFromCrd>[0])) files.set(file, schema);
      }
    }
    for (const [file, schema] of files) writeFileSync(path.join(outDir, file), JSON.stringify(schema));
    process.stderr.write(`[deploy] ${files.size} schemas written to ${outDir}\n`);
    break;
  }
  case 'to-json': {
    const [input, output] = args as [string, string];
    writeFileSync(output, JSON.stringify(await readYamlDocuments(input), null, 1));
    break;
  }
  case 'kafka-topics': {
    const [input, label] = args as [string, string];
    const topics = (JSON.parse(readFileSync(input, 'utf8')) as { kind?: string; metadata?: { name?: string } }[]).filter((r) => r.kind === 'KafkaTopic');
    let invalid = 0;
    for (const topic of topics) {
      const problems = kafkaTopicProblems(topic);
      if (problems.length > 0) invalid++;
      for (const problem of problems) process.stderr.write(`[deploy] ${label}: KafkaTopic ${topic.metadata?.name ?? '(no name)'}: ${problem}\n`);
    }
    const { version } = JSON.parse(readFileSync(new URL(import.meta.resolve('@kubernetes-models/strimzi-kafka-operator/package.json')), 'utf8')) as { version: string };
    // Beside kubeconform's summary line, which counts these resources as skipped.
    process.stdout.write(`kafka-topics ${label}: ${topics.length} resources checked with @kubernetes-models/strimzi-kafka-operator ${version} - Valid: ${topics.length - invalid}, Invalid: ${invalid}\n`);
    if (invalid > 0) process.exit(1);
    break;
  }
  case 'compose': {
    const [composeFile, schemaFile] = args as [string, string];
    const { default: Ajv } = await load<{ default: AjvConstructor }>('ajv/dist/ajv.js');
    // A draft-07 schema whose $schema is spelt with https, which Ajv does not know by that name.
    const { $schema: _draft, ...spec } = JSON.parse(readFileSync(schemaFile, 'utf8')) as Schema;
    // The spec's own formats (durations, port ranges) are not JSON-schema formats; the structure is what is checked.
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(spec);
    const [compose] = await readYamlDocuments(composeFile);
    if (!validate(compose)) {
      for (const error of validate.errors ?? []) process.stderr.write(`[deploy] ${composeFile}${error.instancePath}: ${error.message ?? 'invalid'}\n`);
      process.stdout.write(`compose: invalid (${validate.errors?.length ?? 0} errors)\n`);
      process.exit(1);
    }
    const services = Object.keys((compose as { services?: object }).services ?? {}).length;
    process.stdout.write(`compose: valid, ${services} services\n`);
    break;
  }
  default:
    throw new Error(`unknown command ${command ?? '(none)'}: schemas, to-json, kafka-topics or compose`);
}
