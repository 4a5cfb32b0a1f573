import { JsonFile, Project } from 'projen';

const dir = 'chaos';

/** `chaos/`: private workspace. Fault-injection and safety suite for ddb-lock. */
export function configureChaos(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/chaos',
      private: true,
      type: 'module',
      description: 'Fault-injection and safety suite for ddb-lock.',
      scripts: { chaos: 'tsx src/run.ts' },
      devDependencies: {},
    },
  });
}
