// The local AWS endpoints refuse what did not come from an AWS client on this machine: a
// foreign Host (DNS rebinding), a browser's Origin (a form POST needs no preflight) and
// unsigned requests — each with 403 in AWS's error shape — while signed SDK calls and the
// app's own API (with its CORS rules) keep working.
import { request } from 'node:http';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, makeFunction, makeQueue } from '../local/helpers.js';
import { startProject, type Project } from './project.js';

let project: Project;
let port: number;
const SIGNED = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=8c2f0e';

beforeAll(async () => {
  const app = makeApp({
    queues: [makeQueue('jobs')],
    apis: [{ name: 'api', logicalId: 'ApiHttpApi', type: 'http', implicit: true, auth: { type: 'none' }, throttle: { rate: 100, burst: 200 }, accessLogs: true, routes: [{ method: 'GET', path: '/hello', function: 'hello', source: [] }], path: [] }],
    functions: [makeFunction('hello')],
  });
  project = await startProject(app, { hello: `export const handler = async () => ({ hi: true });` }, { triggers: false });
  port = Number(new URL(project.runtime.endpoints.services).port);
}, 30_000);
afterAll(() => project?.stop());

function send(headers: Record<string, string>, body: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sqsJson = (extra: Record<string, string>) => send({ 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage', ...extra }, JSON.stringify({ QueueUrl: project.runtime.addresses.queueUrl('jobs'), MessageBody: 'hi' }));
const visible = () => project.runtime.queue('jobs')!.counts().visible;

describe('who may call the local AWS endpoints', () => {
  it('refuses a browser form POST from another site (foreign Host and Origin) and queues nothing', async () => {
    const form = new URLSearchParams({ Action: 'SendMessage', QueueUrl: project.runtime.addresses.queueUrl('jobs'), MessageBody: 'pwned' }).toString();
    const r = await send({ host: `evil.example:${port}`, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, form);
    expect(r.status).toBe(403);
    expect(r.body).toContain('<Code>AccessDenied</Code>');
    expect(visible()).toBe(0);
  });

  it('refuses a DNS-rebound name even with a signature, a browser Origin, and a wrong port', async () => {
    const rebound = await sqsJson({ host: `attacker.example:${port}`, authorization: SIGNED });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ __type: 'com.amazon.coral.service#AccessDeniedException', message: expect.stringContaining(`127.0.0.1:${port}`) });
    const browser = await sqsJson({ origin: 'http://localhost:5173', authorization: SIGNED });
    expect(browser.status).toBe(403);
    expect(JSON.parse(browser.body).message).toContain('browser');
    expect((await sqsJson({ host: `127.0.0.1:${port + 1}`, authorization: SIGNED })).status).toBe(403);
    expect(visible()).toBe(0);
  });

  it('answers an unsigned request with MissingAuthenticationToken in the protocol’s shape', async () => {
    const json = await sqsJson({});
    expect(json.status).toBe(403);
    expect(json.type).toBe('application/x-amz-json-1.0');
    expect(JSON.parse(json.body)).toEqual({ __type: 'com.amazon.coral.service#MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' });
    const xml = await send({ 'content-type': 'application/x-www-form-urlencoded' }, 'Action=ListTopics');
    expect(xml.status).toBe(403);
    expect(xml.body).toContain('<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>');
    expect(visible()).toBe(0);
  });

  it('serves signed requests from the SDK (127.0.0.1 and localhost) and a signed request by hand', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const sqs = new SQSClient({ endpoint: `http://${host}:${port}`, region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
      expect((await sqs.send(new SendMessageCommand({ QueueUrl: project.runtime.addresses.queueUrl('jobs'), MessageBody: host }))).MessageId).toBeDefined();
    }
    expect((await sqsJson({ authorization: SIGNED })).status).toBe(200);
    expect(visible()).toBe(3);
  });

  it('leaves the app’s own API to its CORS rules', async () => {
    const r = await fetch(`${project.runtime.endpoints.apis.api}/hello`, { headers: { origin: 'https://evil.example' } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ hi: true });
  });
});
