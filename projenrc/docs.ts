import { JsonFile, type Project } from 'projen';
import { checkOnlyCompilerOptions } from './compiler-options';
import { localDynamoDependency } from './local-dynamo';
import { versions } from './versions';

const dir = 'docs';

/**
 * `docs/`: private workspace, the documentation site. `npm run site` (the root's `npm run docs`) builds it
 * offline into `docs/dist/site` (git-ignored): TypeDoc renders the guides (`docs/guides/*.md`) and the API
 * reference of every public entry point of `@ddb-lock/runtime`; jsii-docgen writes the construct's API per
 * language and the CLI's reference is generated from its commander program. `npm test` builds it and runs its
 * checks: every TypeScript snippet type-checked against the built packages (the runnable ones run on
 * dynalite), every page's links and anchors, four pages in headless Chromium, the committed bench report's
 * freshness (check-bench-freshness.ts: it measured the runtime code on main), the README's bench figures
 * against it, and the package READMEs as doorways (check-package-readmes.ts).
 *
 * Its tsconfig has no `paths`: snippets and tools resolve `@ddb-lock/runtime` as a user does, through the
 * workspace package's `exports` (so the runtime is built first).
 */
export function configureDocs(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/docs',
      version: '0.0.0',
      private: true,
      type: 'module',
      description: 'The ddb-lock documentation site: guides, API reference per entry point and language, CLI reference.',
      scripts: {
        site: 'tsx src/build-site.ts',
        typecheck: 'tsc -p tsconfig.json',
        'check:snippets': 'tsx src/check-snippets.ts',
        'check:links': 'tsx src/check-links.ts',
        'check:browser': 'tsx src/check-browser.ts',
        // Fails when bench/results/latest.json measured other runtime code than runtime/src holds now (see the
        // script): a change to the code the lock runs ships with a fresh `npm run bench` report.
        'check:bench': 'tsx src/check-bench-freshness.ts',
        'check:readme-figures': 'tsx src/check-readme-figures.ts',
        // The READMEs as doorways: under 150 lines; the runtime's names every entry point, the CLI's every command.
        'check:package-readmes': 'tsx src/check-package-readmes.ts',
        // The site first: it builds the runtime, whose lib/ the type check and the snippets resolve to.
        test:
          'npm run site && npm run typecheck && npm run check:bench && npm run check:readme-figures && npm run check:package-readmes' +
          ' && npm run check:snippets && npm run check:links && npm run check:browser',
      },
      devDependencies: {
        ...localDynamoDependency,
        '@aws-lambda-powertools/batch': versions.powertoolsBatch,
        '@aws-lambda-powertools/logger': versions.powertools,
        '@aws-lambda-powertools/metrics': versions.powertools,
        '@aws-lambda-powertools/tracer': versions.powertools,
        '@aws-sdk/client-dynamodb': versions.awsSdk,
        '@ddb-lock/cli': '0.1.0',
        '@ddb-lock/construct': '0.1.0',
        '@ddb-lock/runtime': '0.1.0',
        '@middy/core': versions.middyCore,
        '@opentelemetry/api': versions.otelApi,
        '@types/aws-lambda': versions.typesAwsLambda,
        '@types/node': versions.typesNode,
        'aws-cdk-lib': versions.awsCdkLib,
        commander: versions.commander,
        constructs: versions.constructs,
        dynalite: versions.dynalite,
        esbuild: versions.esbuild,
        'jsii-docgen': versions.jsiiDocgen,
        'jsii-rosetta': versions.jsiiRosetta,
        'playwright-core': versions.playwrightCore,
        tsx: versions.tsx,
        typedoc: versions.typedoc,
        typescript: versions.typescript,
      },
    },
  });
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: { ...checkOnlyCompilerOptions, noImplicitOverride: true, isolatedModules: true },
      include: ['src/**/*.ts'],
    },
  });
}
