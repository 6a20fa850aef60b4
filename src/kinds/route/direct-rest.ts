// A direct route on a REST API: an AWS service integration (type aws) with the request and
// response mapping templates eda writes. The local runtime (src/local/direct-routes.ts)
// implements the same mappings; docs/app-yaml.md#routes describes them.
import { logicalId } from '../../core/names.js';
import type { App, DirectRouteModel, KeyAttribute, RequestValue } from '../../model/types.js';
import { getAtt, sub } from '../template.js';

const JSON_TYPE = 'application/json';
/** $util.escapeJavaScript escapes ' as \', which JSON does not allow: undo that. */
const esc = (vtl: string) => `$util.escapeJavaScript(${vtl}).replaceAll("\\\\'", "'")`;

/** A request value as VTL reads it. */
export function vtlRequestValue(v: RequestValue): string {
  return v.from === 'body' ? `$input.path('$.${v.name}')` : `$input.params().${v.from}.get('${v.name}')`;
}

/** An item map (DynamoDB JSON) as plain JSON: S, N, BOOL and NULL become values; other types stay typed. */
function plainItem(item: string, jsonPath: string): string {
  return (
    `{#foreach($k in ${item}.keySet())#set($v = ${item}.get($k))"${esc('$k')}": ` +
    `#if($v.containsKey('S'))"${esc('$v.S')}"#elseif($v.containsKey('N'))$v.N#elseif($v.containsKey('BOOL'))$v.BOOL#elseif($v.containsKey('NULL'))null` +
    `#else$input.json("${jsonPath}['$k']")#end#if($foreach.hasNext),#end#end}`
  );
}

/** A key attribute's value, typed, from the path parameter of its name. */
const keyAttr = (k: KeyAttribute) => `{"${k.type === 'N' ? 'N' : 'S'}": "${esc(`$input.params().path.get('${k.name}')`)}"}`;
const keyValue = (k: KeyAttribute) => `"${k.name}": ${keyAttr(k)}`;

/** The body's top-level fields as an item: strings S, numbers N, booleans BOOL, null NULL, objects and arrays their JSON text (S). */
function putItem(pathKeys: KeyAttribute[]): string {
  const skip = pathKeys.map((k) => ` && $k != '${k.name}'`).join('');
  return (
    `#set($body = $input.path('$'))#set($sep = "${pathKeys.length ? ',' : ''}")` +
    `{${pathKeys.map(keyValue).join(', ')}#foreach($k in $body.keySet())#if($k != ''${skip})#set($raw = $input.json("$['$k']"))#set($c = $raw.substring(0, 1))` +
    `$sep"${esc('$k')}": #if($c == '"'){"S": $raw}#elseif($c == 't' || $c == 'f'){"BOOL": $raw}#elseif($c == 'n'){"NULL": true}` +
    `#elseif($c == '{' || $c == '['){"S": "${esc('$raw')}"}#else{"N": "$raw"}#end#set($sep = ",")#end#end}`
  );
}

interface Mapping {
  uri: string;
  headers: Record<string, string>;
  request: string;
  status: string;
  response?: string;
  /** Statuses the response template may set besides status. */
  overrides?: string[];
}

function tableMapping(app: App, route: DirectRouteModel, action: 'put' | 'get' | 'query' | 'delete', name: string): Mapping {
  const table = app.tables.find((t) => t.name === name)!;
  const id = logicalId('table', name);
  const keys = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
  const params = new Set([...route.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]!));
  const base = { uri: `dynamodb:action/${{ put: 'PutItem', get: 'GetItem', query: 'Query', delete: 'DeleteItem' }[action]}`, headers: {} };
  const tableName = `"TableName": "\${${id}}"`;
  switch (action) {
    case 'put':
      return { ...base, request: `{${tableName}, "Item": ${putItem(keys.filter((k) => params.has(k.name)))}}`, status: '201' };
    case 'get':
      return {
        ...base,
        request: `{${tableName}, "Key": {${keys.map(keyValue).join(', ')}}}`,
        status: '200',
        overrides: ['404'],
        response: `#set($item = $input.path('$.Item'))#if("$!item" == "")#set($context.responseOverride.status = 404){"message": "Not Found"}#else${plainItem('$item', '$.Item')}#end`,
      };
    case 'query':
      return {
        ...base,
        request: `{${tableName}, "KeyConditionExpression": "#pk = :pk", "ExpressionAttributeNames": {"#pk": "${table.partitionKey.name}"}, "ExpressionAttributeValues": {":pk": ${keyAttr(table.partitionKey)}}}`,
        status: '200',
        response: `{"items": [#foreach($item in $input.path('$.Items'))#set($i = $foreach.index)${plainItem('$item', '$.Items[$i]')}#if($foreach.hasNext),#end#end]}`,
      };
    case 'delete':
      return { ...base, request: `{${tableName}, "Key": {${keys.map(keyValue).join(', ')}}}`, status: '200' };
  }
}

function mappingOf(app: App, route: DirectRouteModel): Mapping {
  const t = route.target;
  switch (t.kind) {
    case 'queue': {
      const group = t.messageGroupId ? `&MessageGroupId=$util.urlEncode(${vtlRequestValue(t.messageGroupId)})` : '';
      return {
        uri: `sqs:path/\${AWS::AccountId}/\${${logicalId('queue', t.name)}.QueueName}`,
        headers: { 'Content-Type': "'application/x-www-form-urlencoded'" },
        request: `Action=SendMessage&MessageBody=$util.urlEncode($input.body)${group}`,
        status: '202',
        response: `{"messageId": "$input.path('$.SendMessageResponse.SendMessageResult.MessageId')"}`,
      };
    }
    case 'bus': {
      const bus = t.name === 'default' ? '' : `, "EventBusName": "\${${logicalId('bus', t.name)}}"`;
      return {
        uri: 'events:action/PutEvents',
        headers: { 'X-Amz-Target': "'AWSEvents.PutEvents'", 'Content-Type': "'application/x-amz-json-1.1'" },
        request: `{"Entries": [{"Source": "${t.source}", "DetailType": "${t.detailType}", "Detail": "${esc("$input.json('$')")}"${bus}}]}`,
        status: '202',
        response: `#set($r = $input.path('$'))#if($r.FailedEntryCount > 0)#set($context.responseOverride.status = 500){"message": "${esc('$r.Entries[0].ErrorMessage')}"}#else{"eventId": "$r.Entries[0].EventId"}#end`,
      };
    }
    case 'workflow':
      return {
        uri: `states:action/${t.sync ? 'StartSyncExecution' : 'StartExecution'}`,
        headers: {},
        request: `{"stateMachineArn": "\${${logicalId('workflow', t.name)}}", "input": "${esc("$input.json('$')")}"}`,
        status: t.sync ? '200' : '202',
        overrides: t.sync ? ['504'] : undefined,
        response: t.sync
          ? `#set($r = $input.path('$'))#if($r.status == 'SUCCEEDED')$r.output#else#if($r.status == 'TIMED_OUT')#set($context.responseOverride.status = 504)#else#set($context.responseOverride.status = 500)#end{"error": "${esc('$!r.error')}", "cause": "${esc('$!r.cause')}"}#end`
          : undefined,
      };
    case 'table':
      return tableMapping(app, route, t.action, t.name);
  }
}

export function restOperation(app: App, route: DirectRouteModel): Record<string, unknown> {
  const m = mappingOf(app, route);
  const params = [...route.path.matchAll(/\{([^}+]+)(\+)?\}/g)].map((p) => ({ name: p[1]!, in: 'path', required: true, type: 'string' }));
  return {
    consumes: [JSON_TYPE],
    produces: [JSON_TYPE],
    parameters: params.length ? params : undefined,
    responses: {
      [m.status]: { description: 'the service accepted the request' },
      '400': { description: 'the service rejected the request' },
      ...Object.fromEntries((m.overrides ?? []).map((s) => [s, { description: s === '404' ? 'no such item' : 'the execution timed out' }])),
      '500': { description: 'the service failed' },
    },
    'x-amazon-apigateway-integration': {
      type: 'aws',
      httpMethod: 'POST',
      credentials: getAtt(route.roleLogicalId, 'Arn'),
      uri: sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:${m.uri}`),
      passthroughBehavior: 'never',
      requestParameters: Object.keys(m.headers).length ? Object.fromEntries(Object.entries(m.headers).map(([h, v]) => [`integration.request.header.${h}`, v])) : undefined,
      requestTemplates: { [JSON_TYPE]: m.request.includes('${') ? sub(m.request) : m.request },
      responses: {
        default: { statusCode: m.status, responseTemplates: m.response ? { [JSON_TYPE]: m.response } : undefined },
        '4\\d{2}': { statusCode: '400' },
        '5\\d{2}': { statusCode: '500' },
      },
    },
  };
}
