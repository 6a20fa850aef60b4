// validate --stage X and synth --stage X judge the same stage-resolved app: a stage's overrides
// can make an app invalid, and both commands say so the same way (or both accept it).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eda, tempProject } from '../support/cli.js';

interface StageCase {
  name: string;
  yaml: string;
  /** The first line of the error both commands print for stage prod. */
  prodError: string;
}

const big = 'x'.repeat(2100);

const cases: StageCase[] = [
  {
    name: 'a stage raising defaults.timeout above a queue visibility timeout',
    yaml: `name: shop
stages:
  prod:
    defaults:
      timeout: 60
queues:
  jobs:
    visibilityTimeout: 30
functions:
  worker:
    triggers:
      - queue: jobs
`,
    prodError: "app.yaml:8:24: error visibilityTimeout 30s is shorter than the timeout of consumer 'worker' (60s, from stages.prod.defaults.timeout)",
  },
  {
    name: 'a stage adding default environment values over Lambda’s 4 KB',
    yaml: `name: shop
defaults:
  environment:
    A_VALUE: ${big}
stages:
  prod:
    defaults:
      environment:
        B_VALUE: ${big}
functions:
  worker:
    environment:
      LEVEL: info
`,
    prodError: 'app.yaml:12:5: error environment is 4223 bytes (with 2 variables from defaults.environment); Lambda allows 4 KB in total',
  },
  {
    name: 'a stage turning alarms on for an app at the edge of the 500-resource limit',
    yaml: `name: shop
monitoring: { alarms: false }
stages:
  prod:
    monitoring: { alarms: true }
functions:
${Array.from({ length: 101 }, (_, i) => `  f${i}: {}`).join('\n')}
`,
    prodError: 'app.yaml:6:1: error the app needs at least 505 resources (functions: 505); a CloudFormation stack holds at most 500',
  },
];

describe('stage overrides are validated', () => {
  it.each(cases)('$name: validate and synth agree for every stage', async ({ yaml, prodError }) => {
    const dir = tempProject({ 'app.yaml': yaml });
    const validateProd = await eda(['validate', '--cwd', dir, '--stage', 'prod']);
    const synthProd = await eda(['synth', '--cwd', dir, '--stage', 'prod']);
    expect(validateProd.exitCode).toBe(1);
    expect(synthProd.exitCode).toBe(1);
    expect(validateProd.stderr.split('\n')[0]).toBe(prodError);
    expect(synthProd.stderr).toBe(validateProd.stderr);
    expect(readdirSync(dir)).toEqual(['app.yaml']);

    const validateDev = await eda(['validate', '--cwd', dir, '--stage', 'dev']);
    expect(validateDev.exitCode, validateDev.stderr).toBe(0);
    const synthDev = await eda(['synth', '--cwd', dir, '--stage', 'dev']);
    expect(synthDev.exitCode, synthDev.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'template.yaml'))).toBe(true);
  });
});
