package io.github.ddblock.example;

import io.github.ddblock.construct.DistributedLockTable;
import io.github.ddblock.construct.LockGrantOptions;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * The Java app of the language test: the same stack as ../typescript/app.ts. Run by
 * construct/test/languages/run.ts with CDK_OUTDIR set; its template must equal the TypeScript app's.
 */
public final class LockApp {
    private LockApp() {
    }

    public static void main(final String[] args) {
        App app = new App();
        Stack stack = new Stack(app, "LockApp");

        // README: java
        DistributedLockTable locks = new DistributedLockTable(stack, "Locks");

        Function fn = Function.Builder.create(stack, "Worker")
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline("exports.handler = async () => {};"))
                .build();

        // Lock keys under orders/ only, then wire the table name: bindTo keeps the narrower grant.
        locks.grantLockAccess(fn, LockGrantOptions.builder().keyPrefix("orders/").build());
        locks.bindTo(fn);
        // end README

        app.synth();
    }
}
