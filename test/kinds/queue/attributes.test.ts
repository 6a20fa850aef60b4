// ${queues.X.url|arn|name}: what the queue kind gives synth, and how a `uses` of a queue reaches
// the template and the local runtime through the parsed model value.
import { describe, expect, it } from 'vitest';
import { queueAttributes } from '../../../src/kinds/queue/attributes.js';
import { resolveValue } from '../../../src/kinds/values.js';
import { Addresses } from '../../../src/local/addresses.js';
import type { AppManifest } from '../../../src/manifest/app.types.js';
import { buildApp } from '../../../src/kinds/build.js';
import { Expr } from '../../../src/model/values.js';

const app = buildApp({ name: 'shop', queues: { 'order-jobs': {} }, functions: { send: { uses: [{ queue: 'order-jobs' }], environment: { WHERE: 'url ${queues.order-jobs.url} in ${AWS::Region}' } } } } as AppManifest, 'dev');

describe('queue attributes', () => {
  it('map url, arn and name to the queue resource', () => {
    expect(queueAttributes.names).toEqual(['url', 'arn', 'name']);
    expect(queueAttributes.value(app, 'order-jobs', 'url')).toEqual({ Ref: 'OrderJobsQueue' });
    expect(queueAttributes.value(app, 'order-jobs', 'arn')).toEqual({ 'Fn::GetAtt': ['OrderJobsQueue', 'Arn'] });
    expect(queueAttributes.value(app, 'order-jobs', 'name')).toEqual({ 'Fn::GetAtt': ['OrderJobsQueue', 'QueueName'] });
  });

  it('reach the model parsed: a uses variable holds a reference, not text', () => {
    const [variable, own] = app.functions[0]!.environment;
    expect(variable!.name).toBe('ORDER_JOBS_QUEUE_URL');
    expect(variable!.value).toBeInstanceOf(Expr);
    expect((variable!.value as Expr).parts).toEqual([{ ref: 'queues.order-jobs', kind: 'queue', name: 'order-jobs', attr: 'url' }]);
    expect(JSON.stringify(own!.value)).toBe(JSON.stringify('url ${queues.order-jobs.url} in ${AWS::Region}'));
  });

  it('resolve to a Ref in the template and to the local URL in eda dev', () => {
    const [variable, own] = app.functions[0]!.environment;
    expect(resolveValue(app, variable!.value)).toEqual({ Ref: 'OrderJobsQueue' });
    expect(resolveValue(app, own!.value)).toEqual({ 'Fn::Sub': ['url ${QueuesOrderJobsUrl} in ${AWS::Region}', { QueuesOrderJobsUrl: { Ref: 'OrderJobsQueue' } }] });
    const local = new Addresses({ ...app, region: 'eu-west-1' }, { services: 'http://127.0.0.1:4566', apis: {} });
    expect(local.resolve(variable!.value)).toBe('http://127.0.0.1:4566/000000000000/shop-dev-order-jobs');
    expect(local.resolve(own!.value)).toBe('url http://127.0.0.1:4566/000000000000/shop-dev-order-jobs in eu-west-1');
  });
});
