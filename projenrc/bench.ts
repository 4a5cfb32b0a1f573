import { JsonFile, Project } from 'projen';

const dir = 'bench';

/** `bench/`: private workspace. Benchmarks of ddb-lock against its peers and the raw-SDK floor (not tests). */
export function configureBench(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/bench',
      private: true,
      type: 'module',
      description: 'Benchmarks of ddb-lock against its peers and the raw-SDK floor (not tests).',
      scripts: { bench: 'tsx src/run.ts' },
      devDependencies: {},
    },
  });
}
