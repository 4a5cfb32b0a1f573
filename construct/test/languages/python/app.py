"""The Python app of the language test: the same stack as ../typescript/app.ts.

Run by construct/test/languages/run.ts with CDK_OUTDIR set; its template must equal the
TypeScript app's.
"""
import aws_cdk as cdk
from aws_cdk import aws_lambda as lambda_
from ddb_lock.construct import DistributedLockTable

app = cdk.App()
stack = cdk.Stack(app, "LockApp")

# README: python
locks = DistributedLockTable(stack, "Locks")

fn = lambda_.Function(stack, "Worker",
    runtime=lambda_.Runtime.NODEJS_22_X,
    handler="index.handler",
    code=lambda_.Code.from_inline("exports.handler = async () => {};"),
)

# Lock keys under orders/ only, then wire the table name: bindTo keeps the narrower grant.
locks.grant_lock_access(fn, key_prefix="orders/")
locks.bind_to(fn)
# end README

app.synth()
