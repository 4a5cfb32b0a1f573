import { Project } from 'projen';
import { ProjenrcTs, TypeScriptRunner } from 'projen/lib/typescript';
import { configureBench } from './projenrc/bench';
import { configureChaos } from './projenrc/chaos';
import { configureCli } from './projenrc/cli';
import { configureConstruct } from './projenrc/construct';
import { configureConsumer } from './projenrc/consumer';
import { configureDocs } from './projenrc/docs';
import { configureExampleApp } from './projenrc/example-app';
import { configureLambdaRunner } from './projenrc/lambda-runner';
import { configureLint } from './projenrc/lint';
import { configureLocalDynamo } from './projenrc/local-dynamo';
import { configureRelease } from './projenrc/release';
import { configureRoot } from './projenrc/root';
import { configureRuntime } from './projenrc/runtime';
import { configureSim } from './projenrc/sim';

// Single source of the repo's config: package.json files, tsconfigs and Jest config are generated
// from here (`npm run projen`) and committed. One file per package under projenrc/.
const project = new Project({
  name: 'ddb-lock',
  commitGenerated: true,
  gitIgnoreOptions: {
    ignorePatterns: [
      'node_modules/',
      'demo-output/',
      'lib/',
      'cdk.out/',
      '*.tsbuildinfo',
      'coverage/',
      '.jsii',
      'dist/',
      'tsconfig.tsbuildinfo',
      '.cache/',
      'target/',
      '__pycache__/',
      '.venv/',
      '.packs/',
      // An ad-hoc simulator run's report (the long run's is committed under tools/sim/results/).
      'tools/sim/sim-report.md',
    ],
  },
});
new ProjenrcTs(project, { runner: TypeScriptRunner.tsx() });

configureRoot(project);
configureLocalDynamo(project);
configureSim(project);
configureLambdaRunner(project);
configureRuntime(project);
configureExampleApp(project);
configureConstruct(project);
configureBench(project);
configureChaos(project);
configureCli(project);
configureRelease(project);
configureConsumer(project);
configureDocs(project);
configureLint(project);

project.synth();
