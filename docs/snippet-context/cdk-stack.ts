// Context "cdk-stack": a CDK stack (declared: type-checked only).
declare const stack: import('aws-cdk-lib').Stack;
