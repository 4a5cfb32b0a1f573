/**
 * Compares a CloudFormation template synthesized by another language's app with the TypeScript
 * app's: the same resources (logical id and type), the same IAM policy statements, the same
 * table settings (key schema, TTL, point-in-time recovery, encryption, billing, deletion
 * protection), and then everything else. Returns the differences; none means equal.
 */

export type Template = { Resources?: Record<string, Resource>; [section: string]: unknown };
type Resource = { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown };

/** Resources that say which language or library version synthesized: not part of the app. */
const LANGUAGE_METADATA = ['CDKMetadata'];

/** The template without the parts that legitimately differ between languages. */
export function normalise(template: Template): Template {
  const copy = JSON.parse(JSON.stringify(template)) as Template;
  for (const id of LANGUAGE_METADATA) delete copy.Resources?.[id];
  if (copy.Conditions && typeof copy.Conditions === 'object') {
    delete (copy.Conditions as Record<string, unknown>).CDKMetadataAvailable;
    if (Object.keys(copy.Conditions).length === 0) delete copy.Conditions;
  }
  return copy;
}

/** The parts of a template the comparison names one by one, so a difference says what it is. */
export function summarise(template: Template): Record<string, unknown> {
  const resources = normalise(template).Resources ?? {};
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const tables = ofType('AWS::DynamoDB::GlobalTable').map(([id, r]) => {
    const p = r.Properties ?? {};
    const replicas = (p.Replicas as Array<Record<string, unknown>> | undefined) ?? [];
    return {
      id,
      keySchema: p.KeySchema,
      ttl: p.TimeToLiveSpecification,
      pointInTimeRecovery: replicas.map((x) => x.PointInTimeRecoverySpecification),
      encryption: { table: p.SSESpecification, replicas: replicas.map((x) => x.SSESpecification) },
      billing: p.BillingMode,
      deletionProtection: replicas.map((x) => x.DeletionProtectionEnabled),
      deletionPolicy: r.DeletionPolicy,
    };
  });
  const statements = ofType('AWS::IAM::Policy').map(([id, r]) => ({
    id,
    statements: (r.Properties?.PolicyDocument as { Statement?: unknown[] } | undefined)?.Statement,
  }));
  const functions = ofType('AWS::Lambda::Function').map(([id, r]) => ({
    id,
    environment: r.Properties?.Environment,
    runtime: r.Properties?.Runtime,
  }));
  return {
    resources: Object.entries(resources)
      .map(([id, r]) => `${id} ${r.Type}`)
      .sort(),
    tables,
    statements,
    functions,
  };
}

/** Every difference between `other` and `reference`, each a line naming what differs. */
export function compareTemplates(reference: Template, other: Template): string[] {
  const differences: string[] = [];
  const a = summarise(reference);
  const b = summarise(other);
  for (const part of Object.keys(a)) {
    if (!equal(a[part], b[part])) {
      differences.push(`${part}: expected ${JSON.stringify(a[part])}, got ${JSON.stringify(b[part])}`);
    }
  }
  // Anything the summary does not name (a Lambda property, a condition, a parameter) still counts.
  const rest = diffPaths(normalise(reference), normalise(other), '');
  if (differences.length === 0 && rest.length > 0) differences.push(...rest.map((p) => `template differs at ${p}`));
  return differences;
}

function equal(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

function diffPaths(x: unknown, y: unknown, path: string): string[] {
  if (equal(x, y)) return [];
  if (x && y && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y)) {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    return [...keys].flatMap((k) => diffPaths((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}/${k}`));
  }
  return [path || '/'];
}
