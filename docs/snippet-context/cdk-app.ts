// biome-ignore-all lint/correctness/noUnusedImports: a context's names are used by the snippets it is prepended to
// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context "cdk-app": a CDK app (declared: type-checked only).
declare const app: import('aws-cdk-lib').App;
