import { hostname } from 'node:os';
import { expect, it } from '@jest/globals';
import { defaultOwnerName } from '../../../src/client/default-owner-name.js';
import { LockClient } from '../../../src/index.js';

// An owner an operator can trace: which function and execution environment, which ECS task, which
// host and process — plus a suffix that keeps two clients of one process apart.

const SUFFIX = /#[0-9a-f]{8}$/;

it('Lambda: function name and log stream (the execution environment and where its logs are)', () => {
  const name = defaultOwnerName({ AWS_LAMBDA_FUNCTION_NAME: 'report', AWS_LAMBDA_LOG_STREAM_NAME: '2026/12/07/[$LATEST]0a1b2c' });
  expect(name.replace(SUFFIX, '')).toBe('lambda:report:2026/12/07/[$LATEST]0a1b2c');
  expect(name).toMatch(SUFFIX);
});

it('ECS on Fargate: the task id from the v4 metadata URI', () => {
  const uri = 'http://169.254.170.2/v4/0a9f09ae2cda48d0b7ab6c1ed4c2e3fc-3661785491';
  expect(defaultOwnerName({ ECS_CONTAINER_METADATA_URI_V4: uri }).replace(SUFFIX, '')).toBe('ecs:0a9f09ae2cda48d0b7ab6c1ed4c2e3fc');
});

it('elsewhere (and ECS on EC2, whose URI holds a container id): host name and pid', () => {
  expect(defaultOwnerName({}, 4242).replace(SUFFIX, '')).toBe(`${hostname()}:4242`);
  const ec2 = { ECS_CONTAINER_METADATA_URI_V4: `http://169.254.170.2/v4/${'c'.repeat(64)}` };
  expect(defaultOwnerName(ec2, 7).replace(SUFFIX, '')).toBe(`${hostname()}:7`);
});

it('a LockClient without ownerName writes this one; two clients of one process differ', () => {
  const a = new LockClient({ tableName: 'locks' });
  const b = new LockClient({ tableName: 'locks' });
  const here = process.env.AWS_LAMBDA_FUNCTION_NAME
    ? /^lambda:/
    : new RegExp(`^${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${process.pid}#`);
  expect(a.ownerName).toMatch(here);
  expect(a.ownerName).not.toBe(b.ownerName);
  a.dynamoDb.destroy();
  b.dynamoDb.destroy();
});
