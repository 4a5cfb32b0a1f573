// biome-ignore-all lint/correctness/noUnusedImports: a context's names are used by the snippets it is prepended to
// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context "cdk": the Lambda functions a snippet grants to (declared: type-checked only).
declare const fn: import('aws-cdk-lib/aws-lambda').Function;
declare const worker: import('aws-cdk-lib/aws-lambda').Function;
declare const otherFn: import('aws-cdk-lib/aws-lambda').Function;
