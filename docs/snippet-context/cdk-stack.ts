// biome-ignore-all lint/correctness/noUnusedImports: a context's names are used by the snippets it is prepended to
// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context "cdk-stack": a CDK stack (declared: type-checked only).
declare const stack: import('aws-cdk-lib').Stack;
