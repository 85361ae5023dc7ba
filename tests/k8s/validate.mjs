#!/usr/bin/env node
// validate.mjs - offline Kubernetes schema oracle for todokc output.
//
// Usage:  node validate.mjs PATH...
//   (first, once: `npm ci` in this folder; needs Node >= 20, no network at run time)
//
// PATH is a YAML file (a multi-document stream with `---` is fine), a JSON file
// (one object, or a {"apiVersion":"v1","kind":"List","items":[...]}), or a
// directory: then every *.yaml and *.json file in it, sorted, non-recursive,
// except the kustomization file. A directory must have exactly one
// kustomization file, named `kustomization.yaml` or `Kustomization` (kustomize
// reads either; todokc writes `Kustomization`, which `kubectl apply -f DIR`
// skips), and its `resources` list must name exactly the manifest files of
// the directory.
//
// Every object gets two checks:
//   1. schema: the kubernetes-models class for its apiVersion/kind (Kubernetes
//      1.33 OpenAPI schemas through ajv; the Gateway API v1.0.0 CRD schemas of
//      @kubernetes-models/gateway-api for gateway.networking.k8s.io/v1 Gateway,
//      GatewayClass and HTTPRoute): types, enums, required fields, formats
//      (base64 `byte`, `quantity`, ...). An unknown apiVersion/kind is an error.
//   2. strict: unknown fields, found by walking the object along the
//      `attributeTypeMap` of the @kubernetes/client-node models.
//      (Deep import on purpose: the package root loads undici 8, which crashes
//      on Node 20.) client-node has no Gateway API types: those objects are
//      walked along the CRD's JSON schema instead (see crdSchema below).
// And one rule that is not in any schema: a Gateway API route (HTTPRoute)
// must have at least one `spec.parentRefs` entry; without one it attaches to
// no Gateway and serves nothing (the contract's `route ... gateway "G"`).
//
// Output: one line per problem, `FILE#DOC Kind/name: message` (DOC is the
// 0-based document index in a YAML stream, or the item index in a JSON List),
// then `k8s-validate: N passed, M failed` counting objects.
// A document with a YAML syntax error (duplicate keys included) counts as a
// failed object. Exit 0 when every object passed and there was no other
// problem (unreadable path, a path with no objects, kustomization mismatch),
// 1 otherwise, 2 on bad usage or when the npm packages are not installed.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import * as core from 'kubernetes-models/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscalingV1 from 'kubernetes-models/autoscaling/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as batch from 'kubernetes-models/batch/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as rbac from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as storage from 'kubernetes-models/storage.k8s.io/v1';
import * as scheduling from 'kubernetes-models/scheduling.k8s.io/v1';
import * as clientModels from '@kubernetes/client-node/dist/gen/models/all.js';

// apiVersions whose strict check walks a CRD JSON schema (no client-node
// model): the module whose `KIND.mjs` files hold the schemas. Imported here,
// not above, so that a node_modules installed before the package was pinned
// gets a message that says what to do.
const crdModules = {
  'gateway.networking.k8s.io/v1': '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1',
};
const gatewayV1 = await import(crdModules['gateway.networking.k8s.io/v1']).catch((e) => {
  const here = path.dirname(new URL(import.meta.url).pathname);
  console.error(`validate.mjs: cannot load @kubernetes-models/gateway-api (${e.code ?? e.message}): run \`npm ci\` in ${here}`);
  process.exit(2);
});

const schemaModules = {
  'v1': core, 'apps/v1': apps, 'autoscaling/v1': autoscalingV1, 'autoscaling/v2': autoscalingV2,
  'batch/v1': batch, 'networking.k8s.io/v1': networking, 'policy/v1': policy,
  'rbac.authorization.k8s.io/v1': rbac, 'storage.k8s.io/v1': storage,
  'scheduling.k8s.io/v1': scheduling,
  'gateway.networking.k8s.io/v1': gatewayV1,
};
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'Kustomization'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const fieldPath = (k) => (/^[A-Za-z_$][\w$-]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);

// --- 1. schema check -------------------------------------------------------

// The kubernetes-models class of a top-level kind (the modules also export
// nested types such as Container, which are not valid kinds).
function schemaClass(apiVersion, kind) {
  const Model = Object.hasOwn(schemaModules, apiVersion) ? schemaModules[apiVersion][kind] : undefined;
  return Model && Model.apiVersion === apiVersion && Model.kind === kind ? Model : undefined;
}

// ajv's "/spec/ports/0/protocol" -> ".spec.ports[0].protocol" (looked up in obj
// so that array indexes and map keys are told apart).
function pointerToPath(pointer, obj) {
  let out = '';
  let node = obj;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += Array.isArray(node) ? `[${key}]` : fieldPath(key);
    node = node?.[key];
  }
  return out || '.';
}

// ajv errors -> messages, one per problem location. Quantities and
// int-or-string values are `oneOf` alternatives; ajv reports every failed
// branch, so those are folded into one message.
function schemaProblems(obj) {
  try {
    new (schemaClass(obj.apiVersion, obj.kind))(obj).validate();
    return [];
  } catch (e) {
    if (!Array.isArray(e.errors)) throw e;
    const byPath = new Map();
    for (const err of e.errors) {
      if (!byPath.has(err.instancePath)) byPath.set(err.instancePath, []);
      byPath.get(err.instancePath).push(err);
    }
    const out = [];
    for (const [pointer, errs] of byPath) {
      // (The Gateway API models bring an older ajv setup, whose `required`
      // message quotes the property: "must have required property 'x'".)
      let messages = errs.map((err) => err.keyword === 'enum'
        ? `${err.message} (${err.params.allowedValues.join(', ')})`
        : err.message.replace(/^(must have required property )'(.*)'$/, '$1$2'));
      if (errs.some((err) => err.keyword === 'oneOf')) {
        const formats = errs.filter((err) => err.keyword === 'format').map((err) => err.message);
        const types = errs.filter((err) => err.keyword === 'type').map((err) => err.params.type);
        messages = formats.length ? formats : [`must be ${types.join(' or ')}`];
      }
      for (const m of messages) out.push(`${pointerToPath(pointer, obj)}: ${m}`);
    }
    return out;
  }
}

// --- 2. strict unknown-field check -----------------------------------------

// client-node class name of a kind: V1Deployment, V2HorizontalPodAutoscaler;
// kinds defined in two groups carry a group prefix (CoreV1Event, EventsV1Event).
function clientTypeName(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const plain = `${cap(version)}${kind}`;
  const prefixed = `${cap(group.split('.')[0])}${plain}`;
  return [prefixed, plain].find((n) => clientModels[n]?.attributeTypeMap);
}

// Walks value along a client-node type string: a class name, "Array<T>",
// "{ [key: string]: T; }" or a leaf ("string", "number", "IntOrString", "any"...).
// Wrong shapes are left to the schema check; only unknown keys are reported.
function unknownFields(value, type, at, out) {
  if (value === null || value === undefined) return;
  let m;
  if ((m = /^Array<(.+)>$/.exec(type))) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, m[1], `${at}[${i}]`, out));
  } else if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) {
    if (isObject(value)) for (const [k, v] of Object.entries(value)) unknownFields(v, m[1], at + fieldPath(k), out);
  } else if (clientModels[type]?.attributeTypeMap && isObject(value)) {
    const fields = new Map(clientModels[type].attributeTypeMap.map((a) => [a.baseName, a.type]));
    for (const [k, v] of Object.entries(value)) {
      if (fields.has(k)) unknownFields(v, fields.get(k), at + fieldPath(k), out);
      else out.push(`${at + fieldPath(k)}: unknown field (not in ${type})`);
    }
  }
}

// The JSON schema of a CRD kind. kubernetes-models registers it with ajv
// inside its own copy of @kubernetes-models/validate, which exports no way to
// read it back, so it is taken from the module file that ships it: each
// generated `KIND.mjs` holds it as a JSON literal, `const schema = {...};`,
// ending at the first `};` in column 0. A file in another shape is an error
// (a newer package would need a new reader), never a silently skipped check.
const crdSchemas = new Map();
function crdSchema(apiVersion, kind) {
  const key = `${apiVersion} ${kind}`;
  if (!crdSchemas.has(key)) {
    const file = new URL(import.meta.resolve(`${crdModules[apiVersion]}/${kind}`));
    const m = /\nconst schema = (\{[\s\S]*?\n\});\n/.exec(fs.readFileSync(file, 'utf8'));
    if (!m) throw new Error(`no \`const schema = {...};\` in ${file.pathname}`);
    crdSchemas.set(key, JSON.parse(m[1]));
  }
  return crdSchemas.get(key);
}

// Walks value along a CRD JSON schema: an object's keys must be in its
// `properties`, or else match `additionalProperties` (a map such as labels);
// `items` for arrays. `metadata` is `oneOf: [{$ref: ObjectMeta}, {type: null}]`:
// a oneOf/anyOf with one non-null branch is walked into, and the ObjectMeta
// $ref goes on with the client-node walker above. Other combinators in these
// schemas only constrain values (IP address formats), so they define no
// fields. Wrong shapes are left to the schema check.
function crdUnknownFields(value, schema, at, out, owner) {
  if (value === null || value === undefined || !isObject(schema)) return;
  if (schema.$ref === 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta#') {
    unknownFields(value, 'V1ObjectMeta', at, out);
    return;
  }
  if (schema.$ref) throw new Error(`strict check: cannot follow $ref ${schema.$ref} at ${at || '.'}`);
  const branches = (schema.oneOf ?? schema.anyOf ?? []).filter((b) => b.type !== 'null');
  if (!schema.properties && !schema.items && branches.length === 1) {
    crdUnknownFields(value, branches[0], at, out, owner);
  } else if (Array.isArray(value) && schema.items) {
    value.forEach((v, i) => crdUnknownFields(v, schema.items, `${at}[${i}]`, out, owner));
  } else if (isObject(value) && (schema.properties || schema.additionalProperties !== undefined)
    && !schema['x-kubernetes-preserve-unknown-fields']) {
    for (const [k, v] of Object.entries(value)) {
      const field = at + fieldPath(k);
      if (Object.hasOwn(schema.properties ?? {}, k)) crdUnknownFields(v, schema.properties[k], field, out, owner);
      else if (isObject(schema.additionalProperties)) crdUnknownFields(v, schema.additionalProperties, field, out, owner);
      else if (schema.additionalProperties !== true) out.push(`${field}: unknown field (not in the ${owner} schema)`);
    }
  }
}

// Rules no schema states. A Gateway API route with no parentRefs is valid to
// the API server but attached to no Gateway, so it routes nothing.
function contractProblems(obj) {
  if (obj.apiVersion.startsWith('gateway.networking.k8s.io/') && /Route$/.test(obj.kind)) {
    const refs = obj.spec?.parentRefs;
    if (!Array.isArray(refs) || refs.length === 0) {
      return ['.spec.parentRefs: a route needs at least one parentRef (without one it attaches to no Gateway)'];
    }
  }
  return [];
}

// --- per object / file / directory -----------------------------------------

const counts = { passed: 0, failed: 0, other: 0 };

function report(where, message) {
  console.log(`${where}: ${message}`);
}

function checkObject(obj, where) {
  if (!isObject(obj)) {
    report(where, 'document is not a mapping');
    counts.failed++;
    return;
  }
  const label = `${where} ${obj.kind ?? '?'}/${obj.metadata?.name ?? '?'}`;
  let problems;
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    problems = ['apiVersion and kind must be strings'];
  } else if (!schemaClass(obj.apiVersion, obj.kind)) {
    problems = [`unknown apiVersion/kind: ${obj.apiVersion} ${obj.kind}`];
  } else {
    const typeName = clientTypeName(obj.apiVersion, obj.kind);
    problems = schemaProblems(obj);
    if (typeName) unknownFields(obj, typeName, '', problems);
    else if (Object.hasOwn(crdModules, obj.apiVersion)) {
      crdUnknownFields(obj, crdSchema(obj.apiVersion, obj.kind), '', problems, `${obj.apiVersion} ${obj.kind}`);
    } else problems.push(`no client-node model for ${obj.apiVersion} ${obj.kind} (strict check impossible)`);
    problems.push(...contractProblems(obj));
  }
  for (const p of problems) report(label, p);
  counts[problems.length ? 'failed' : 'passed']++;
}

// The objects of one file as [index, value, yamlErrors] triples, or null when
// the file cannot be read. Empty documents are skipped; a JSON List (or v1
// List document) is expanded into its items.
function readObjects(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    report(file, `cannot read: ${e.message}`);
    counts.other++;
    return null;
  }
  const objects = [];
  parseAllDocuments(text).forEach((doc, i) => {
    const errors = doc.errors.map((err) => `YAML error: ${err.message.split('\n')[0].replace(/:$/, '')}`);
    const value = errors.length ? undefined : doc.toJS();
    if (errors.length) objects.push([i, value, errors]);
    else if (value === null || value === undefined) return; // empty document
    else if (isObject(value) && value.apiVersion === 'v1' && value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item, j) => objects.push([file.endsWith('.json') ? j : `${i}.items[${j}]`, item, []]));
    } else objects.push([i, value, []]);
  });
  return objects;
}

function checkFile(file) {
  const objects = readObjects(file);
  if (!objects) return;
  if (objects.length === 0) {
    report(file, 'no Kubernetes objects in file');
    counts.other++;
  }
  for (const [index, obj, yamlErrors] of objects) {
    for (const err of yamlErrors) report(`${file}#${index}`, err);
    if (yamlErrors.length) counts.failed++;
    else checkObject(obj, `${file}#${index}`);
  }
}

// The kustomization file's `resources` must name exactly the manifest files present.
function checkKustomization(dir, name, manifests) {
  const file = path.join(dir, name);
  const objects = readObjects(file);
  if (!objects) return;
  const [, value, yamlErrors] = objects[0] ?? [];
  for (const err of yamlErrors ?? []) report(file, err);
  const resources = value?.resources;
  if (!Array.isArray(resources)) {
    report(file, 'no resources list');
    counts.other++;
    return;
  }
  const listed = resources.map((r) => path.normalize(String(r)));
  const problems = [];
  listed.forEach((r, i) => { if (listed.indexOf(r) !== i) problems.push(`resource ${r} listed twice`); });
  for (const r of listed) if (!manifests.includes(r)) problems.push(`resource ${r} is not a manifest file in ${dir}`);
  for (const m of manifests) if (!listed.includes(m)) problems.push(`file ${m} is not listed in resources`);
  for (const p of problems) report(file, p);
  if (problems.length) counts.other++;
}

function checkPath(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    report(p, `cannot read: ${e.message}`);
    counts.other++;
    return;
  }
  if (!stat.isDirectory()) {
    checkFile(p);
    return;
  }
  const names = fs.readdirSync(p).sort();
  const manifests = names.filter((n) => /\.(yaml|json)$/.test(n) && !KUSTOMIZATION_FILES.includes(n)
    && fs.statSync(path.join(p, n)).isFile());
  if (manifests.length === 0) {
    report(p, 'no *.yaml or *.json manifest files in directory');
    counts.other++;
  }
  for (const n of manifests) checkFile(path.join(p, n));
  const kustomizations = KUSTOMIZATION_FILES.filter((n) => names.includes(n));
  if (kustomizations.length === 1) checkKustomization(p, kustomizations[0], manifests);
  else {
    report(p, kustomizations.length
      ? `both ${KUSTOMIZATION_FILES.join(' and ')}: kustomize wants exactly one kustomization file`
      : `no kustomization file (${KUSTOMIZATION_FILES.join(' or ')})`);
    counts.other++;
  }
}

const args = process.argv.slice(2);
if (args.length === 0 || args.some((a) => a === '-h' || a === '--help')) {
  console.error('usage: node validate.mjs PATH...   (YAML/JSON files or directories)');
  process.exit(2);
}
args.forEach(checkPath);
console.log(`k8s-validate: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed === 0 && counts.other === 0 ? 0 : 1);
