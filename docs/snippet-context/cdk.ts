// Context "cdk": the Lambda functions a snippet grants to (declared: type-checked only).
declare const fn: import('aws-cdk-lib/aws-lambda').Function;
declare const worker: import('aws-cdk-lib/aws-lambda').Function;
declare const otherFn: import('aws-cdk-lib/aws-lambda').Function;
