// The Go app of the language test: the same stack as ../typescript/app.ts. Run by
// construct/test/languages/run.ts with CDK_OUTDIR set; its template must equal the TypeScript app's.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
	"github.com/ddb-lock/ddb-lock-go/ddblockconstruct"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("LockApp"), nil)

	// README: go
	locks := ddblockconstruct.NewDistributedLockTable(stack, jsii.String("Locks"), nil)

	fn := awslambda.NewFunction(stack, jsii.String("Worker"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_NODEJS_22_X(),
		Handler: jsii.String("index.handler"),
		Code:    awslambda.Code_FromInline(jsii.String("exports.handler = async () => {};")),
	})

	// Lock keys under orders/ only, then wire the table name: bindTo keeps the narrower grant.
	locks.GrantLockAccess(fn, &ddblockconstruct.LockGrantOptions{KeyPrefix: jsii.String("orders/")})
	locks.BindTo(fn, nil)
	// end README

	app.Synth(nil)
}
