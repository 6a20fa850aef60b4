// The event shapes AWS hands to Lambda, built from local facts. Field names, casing and
// string-typed numbers follow what the services send (see @types/aws-lambda).
import { LOCAL_ACCOUNT, md5, uuid } from './ids.js';

export type MessageAttributeValue = { DataType: string; StringValue?: string; BinaryValue?: string };

/** 2015-10-08T16:53:06Z — EventBridge drops the milliseconds. */
export const eventTime = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** 12/Mar/2020:19:03:58 +0000 — API Gateway's requestContext.time. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

export function eventBridgeEvent(e: { source: string; detailType: string; detail: unknown; resources?: string[]; region: string; time?: number; id?: string }): EventBridgeEvent {
  return {
    version: '0',
    id: e.id ?? uuid(),
    'detail-type': e.detailType,
    source: e.source,
    account: LOCAL_ACCOUNT,
    time: eventTime(e.time ?? Date.now()),
    region: e.region,
    resources: e.resources ?? [],
    detail: e.detail,
  };
}

export function scheduledEvent(ruleArn: string, region: string, time: number): EventBridgeEvent {
  return eventBridgeEvent({ source: 'aws.events', detailType: 'Scheduled Event', detail: {}, resources: [ruleArn], region, time });
}

export interface SqsMessageView {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, MessageAttributeValue>;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
}

export function sqsRecord(m: SqsMessageView, queueArn: string, region: string) {
  const messageAttributes: Record<string, { stringValue?: string; binaryValue?: string; stringListValues: string[]; binaryListValues: string[]; dataType: string }> = {};
  for (const [name, v] of Object.entries(m.messageAttributes)) {
    messageAttributes[name] = {
      ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
      ...(v.BinaryValue !== undefined ? { binaryValue: v.BinaryValue } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: v.DataType,
    };
  }
  return {
    messageId: m.messageId,
    receiptHandle: m.receiptHandle,
    body: m.body,
    attributes: m.attributes,
    messageAttributes,
    md5OfBody: m.md5OfBody,
    ...(m.md5OfMessageAttributes ? { md5OfMessageAttributes: m.md5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

export interface SnsNotification {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
  timestamp: string;
  attributes: Record<string, MessageAttributeValue>;
  endpoint: string;
}

const signingCert = (region: string) => `https://sns.${region}.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem`;
const unsubscribe = (region: string, subscriptionArn: string) =>
  `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;
const signature = (n: SnsNotification) => Buffer.from(md5(`${n.messageId}${n.message}`)).toString('base64');

/** What an SQS (non-raw) or HTTPS subscriber receives: the JSON notification envelope. */
export function snsEnvelope(n: SnsNotification, region: string, subscriptionArn: string) {
  const attributes = Object.fromEntries(
    Object.entries(n.attributes).map(([k, v]) => [k, { Type: v.DataType, Value: v.StringValue ?? v.BinaryValue ?? '' }]),
  );
  return {
    Type: 'Notification',
    MessageId: n.messageId,
    TopicArn: n.topicArn,
    ...(n.subject !== undefined ? { Subject: n.subject } : {}),
    Message: n.message,
    Timestamp: n.timestamp,
    SignatureVersion: '1',
    Signature: signature(n),
    SigningCertURL: signingCert(region),
    UnsubscribeURL: unsubscribe(region, subscriptionArn),
    ...(Object.keys(attributes).length ? { MessageAttributes: attributes } : {}),
  };
}

/** The event a Lambda subscriber receives (note the Url casing, unlike the envelope's URL). */
export function snsEvent(n: SnsNotification, region: string, subscriptionArn: string) {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: n.messageId,
          TopicArn: n.topicArn,
          Subject: n.subject ?? null,
          Message: n.message,
          Timestamp: n.timestamp,
          SignatureVersion: '1',
          Signature: signature(n),
          SigningCertUrl: signingCert(region),
          UnsubscribeUrl: unsubscribe(region, subscriptionArn),
          MessageAttributes: Object.fromEntries(
            Object.entries(n.attributes).map(([k, v]) => [k, { Type: v.DataType, Value: v.StringValue ?? v.BinaryValue ?? '' }]),
          ),
        },
      },
    ],
  };
}

export type AttributeValue = Record<string, unknown>;

export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: string;
  };
  eventSourceARN: string;
}

export function streamRecord(r: {
  eventName: StreamRecord['eventName'];
  keys: Record<string, AttributeValue>;
  oldImage?: Record<string, AttributeValue>;
  newImage?: Record<string, AttributeValue>;
  viewType: string;
  sequenceNumber: string;
  streamArn: string;
  region: string;
  time: number;
}): StreamRecord {
  const withNew = r.viewType === 'NEW_IMAGE' || r.viewType === 'NEW_AND_OLD_IMAGES';
  const withOld = r.viewType === 'OLD_IMAGE' || r.viewType === 'NEW_AND_OLD_IMAGES';
  const dynamodb: StreamRecord['dynamodb'] = {
    ApproximateCreationDateTime: Math.floor(r.time / 1000),
    Keys: r.keys,
    ...(withNew && r.newImage ? { NewImage: r.newImage } : {}),
    ...(withOld && r.oldImage ? { OldImage: r.oldImage } : {}),
    SequenceNumber: r.sequenceNumber,
    SizeBytes: Buffer.byteLength(JSON.stringify(r.newImage ?? r.oldImage ?? r.keys)),
    StreamViewType: r.viewType,
  };
  return {
    eventID: uuid().replace(/-/g, ''),
    eventName: r.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: r.region,
    dynamodb,
    eventSourceARN: r.streamArn,
  };
}

export interface HttpRequestFacts {
  method: string;
  /** Path without query string, as received. */
  path: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  /** Header names and values as the client sent them (name, value, name, value…), when known. */
  rawHeaders?: string[];
  body: Buffer;
  sourceIp: string;
  time: number;
  requestId: string;
  apiId: string;
  domainName: string;
  stage: string;
  /** "POST /orders/{id}" */
  routeKey: string;
  /** "/orders/{id}" */
  resource: string;
  pathParameters?: Record<string, string>;
  authorizer?: unknown;
}

const textual = /^(text\/|application\/(json|xml|javascript|ld\+json|[\w.+-]+\+(json|xml)))/i;

function encodeBody(facts: HttpRequestFacts): { body?: string; isBase64Encoded: boolean } {
  if (facts.body.length === 0) return { isBase64Encoded: false };
  const type = String(facts.headers['content-type'] ?? '');
  if (!type || textual.test(type)) return { body: facts.body.toString('utf8'), isBase64Encoded: false };
  return { body: facts.body.toString('base64'), isBase64Encoded: true };
}

/** Each header with its values in order, named as the client first wrote it. */
function headerList(facts: HttpRequestFacts): [string, string[]][] {
  if (!facts.rawHeaders) {
    return Object.entries(facts.headers)
      .filter((e): e is [string, string | string[]] => e[1] !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) ? v : [v]]);
  }
  const byLower = new Map<string, [string, string[]]>();
  for (let i = 0; i + 1 < facts.rawHeaders.length; i += 2) {
    const name = facts.rawHeaders[i]!;
    const entry = byLower.get(name.toLowerCase());
    if (entry) entry[1].push(facts.rawHeaders[i + 1]!);
    else byLower.set(name.toLowerCase(), [name, [facts.rawHeaders[i + 1]!]]);
  }
  return [...byLower.values()];
}

function splitQuery(raw: string): [string, string][] {
  if (!raw) return [];
  return raw
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      const k = i < 0 ? pair : pair.slice(0, i);
      const v = i < 0 ? '' : pair.slice(i + 1);
      const dec = (s: string) => {
        try {
          return decodeURIComponent(s.replace(/\+/g, ' '));
        } catch {
          return s;
        }
      };
      return [dec(k), dec(v)];
    });
}

/** API Gateway HTTP API, payload format 2.0. */
export function httpApiEvent(facts: HttpRequestFacts) {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  // names lower-cased; a repeated header's values joined with "," (no space), as HTTP APIs do
  for (const [k, values] of headerList(facts)) {
    const key = k.toLowerCase();
    if (key === 'cookie') {
      cookies = values.join('; ').split(/;\s*/).filter(Boolean);
      continue;
    }
    headers[key] = values.join(',');
  }
  const query: Record<string, string> = {};
  for (const [k, v] of splitQuery(facts.rawQuery)) query[k] = k in query ? `${query[k]},${v}` : v;
  const { body, isBase64Encoded } = encodeBody(facts);
  return {
    version: '2.0',
    routeKey: facts.routeKey,
    rawPath: facts.path,
    rawQueryString: facts.rawQuery,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: facts.apiId,
      ...(facts.authorizer ? { authorizer: facts.authorizer } : {}),
      domainName: facts.domainName,
      domainPrefix: facts.domainName.split('.')[0],
      http: {
        method: facts.method,
        path: facts.path,
        protocol: 'HTTP/1.1',
        sourceIp: facts.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: facts.requestId,
      routeKey: facts.routeKey,
      stage: facts.stage,
      time: clfTime(facts.time),
      timeEpoch: facts.time,
    },
    ...(facts.pathParameters && Object.keys(facts.pathParameters).length ? { pathParameters: facts.pathParameters } : {}),
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded,
  };
}

/** API Gateway REST API, Lambda proxy integration (payload format 1.0). */
export function restApiEvent(facts: HttpRequestFacts) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  // names as the client wrote them; `headers` holds a repeated header's last value
  for (const [k, values] of headerList(facts)) {
    headers[k] = values[values.length - 1]!;
    multiValueHeaders[k] = values;
  }
  const pairs = splitQuery(facts.rawQuery);
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of pairs) {
    query[k] = v;
    (multiQuery[k] ??= []).push(v);
  }
  // Without binary media types (synth declares none) a REST API passes every body as text.
  const body = facts.body.length ? facts.body.toString('utf8') : undefined;
  return {
    resource: facts.resource,
    path: facts.path,
    httpMethod: facts.method,
    headers,
    multiValueHeaders,
    queryStringParameters: pairs.length ? query : null,
    multiValueQueryStringParameters: pairs.length ? multiQuery : null,
    pathParameters: facts.pathParameters && Object.keys(facts.pathParameters).length ? facts.pathParameters : null,
    stageVariables: null,
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: facts.apiId,
      ...(facts.authorizer ? { authorizer: facts.authorizer } : {}),
      domainName: facts.domainName,
      domainPrefix: facts.domainName.split('.')[0],
      extendedRequestId: facts.requestId,
      httpMethod: facts.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: facts.sourceIp,
        user: null,
        userAgent: Object.entries(headers).find(([k]) => k.toLowerCase() === 'user-agent')?.[1] ?? null,
        userArn: null,
      },
      path: `/${facts.stage}${facts.path}`,
      protocol: 'HTTP/1.1',
      requestId: facts.requestId,
      requestTime: clfTime(facts.time),
      requestTimeEpoch: facts.time,
      resourceId: md5(facts.resource).slice(0, 6),
      resourcePath: facts.resource,
      stage: facts.stage,
    },
    body: body ?? null,
    isBase64Encoded: false,
  };
}
