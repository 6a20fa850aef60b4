// Sample events for `eda invoke --remote --sample`: built with the deployed stage's physical IDs.
import { describe, expect, it } from 'vitest';
import { DeployedAddresses, stackWhere } from '../../src/local/deployed-addresses.js';
import { sampleEvent } from '../../src/local/samples.js';
import { makeApp, makeFunction, makeQueue, makeRule, makeTopic } from './helpers.js';

const app = makeApp({
  queues: [makeQueue('jobs')],
  topics: [makeTopic('news')],
  rules: [makeRule('placed', { bus: 'orders', pattern: { source: ['shop.orders'] }, targets: [{ kind: 'function', name: 'fn', id: 'f', source: [] }] })],
  functions: [
    makeFunction('fn', {
      triggers: [
        { type: 'queue', queue: 'jobs', batchSize: 10, source: [] },
        { type: 'topic', topic: 'news', source: [] },
      ],
    }),
  ],
});
const fn = app.functions[0]!;
const where = stackWhere('arn:aws:cloudformation:eu-west-1:111122223333:stack/shop-dev/abc', 'us-east-1');
const addresses = new DeployedAddresses(app, {
  ...where,
  physical: new Map([
    ['jobsQueue', 'https://sqs.eu-west-1.amazonaws.com/111122223333/shop-dev-jobsQueue-X1'],
    ['newsTopic', 'arn:aws:sns:eu-west-1:111122223333:shop-dev-newsTopic-Y2'],
    ['placedRule', 'shop-dev-orders|shop-dev-placedRule-Z3'],
  ]),
});

describe('DeployedAddresses', () => {
  it("takes the region and account from the stack ID", () => {
    expect(where).toEqual({ region: 'eu-west-1', account: '111122223333' });
    expect(stackWhere(undefined, 'us-east-1').region).toBe('us-east-1');
  });

  it("names the deployed queue, topic and rule (a custom bus's rule ID is bus|rule)", () => {
    expect(addresses.queueArn('jobs')).toBe('arn:aws:sqs:eu-west-1:111122223333:shop-dev-jobsQueue-X1');
    expect(addresses.topicArn('news')).toBe('arn:aws:sns:eu-west-1:111122223333:shop-dev-newsTopic-Y2');
    expect(addresses.ruleArn('placed', 'orders')).toBe('arn:aws:events:eu-west-1:111122223333:rule/shop-dev-orders/shop-dev-placedRule-Z3');
    // what the stack does not hold keeps the local naming, in the stack's region and account
    expect(addresses.tableArn('missing')).toBe('arn:aws:dynamodb:eu-west-1:111122223333:table/shop-dev-missing');
  });

  it('builds samples with those names', () => {
    const queue = sampleEvent(app, fn, 'queue', addresses) as { Records: { eventSourceARN: string; awsRegion: string }[] };
    expect(queue.Records[0]).toMatchObject({ eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:shop-dev-jobsQueue-X1', awsRegion: 'eu-west-1' });
    const topic = sampleEvent(app, fn, 'topic', addresses) as { Records: { Sns: { TopicArn: string } }[] };
    expect(topic.Records[0]!.Sns.TopicArn).toBe('arn:aws:sns:eu-west-1:111122223333:shop-dev-newsTopic-Y2');
  });
});
