// A direct route on an HTTP API: a first-class AWS service integration (type aws_proxy with an
// integration subtype) whose request parameters map the request onto the service call. The
// service's JSON answer is the response; queue, bus and asynchronous workflow routes answer 202.
import { logicalId } from '../../core/names.js';
import type { DirectRouteModel, RequestValue } from '../../model/types.js';
import { getAtt, ref } from '../template.js';

/** $request.header.x-group as API Gateway writes a request value. */
export const httpRequestValue = (v: RequestValue) => `$request.${v.from}.${v.name}`;

const accepted = { '200': { 'overwrite:statuscode': '202' } };

export function httpOperation(route: DirectRouteModel): Record<string, unknown> {
  const t = route.target;
  let subtype: string;
  let requestParameters: Record<string, unknown>;
  let responseParameters: Record<string, unknown> | undefined = accepted;
  switch (t.kind) {
    case 'queue':
      subtype = 'SQS-SendMessage';
      requestParameters = { QueueUrl: ref(logicalId('queue', t.name)), MessageBody: '$request.body', ...(t.messageGroupId ? { MessageGroupId: httpRequestValue(t.messageGroupId) } : {}) };
      break;
    case 'bus':
      subtype = 'EventBridge-PutEvents';
      requestParameters = { Detail: '$request.body', DetailType: t.detailType, Source: t.source, ...(t.name === 'default' ? {} : { EventBusName: ref(logicalId('bus', t.name)) }) };
      break;
    case 'workflow':
      subtype = t.sync ? 'StepFunctions-StartSyncExecution' : 'StepFunctions-StartExecution';
      requestParameters = { StateMachineArn: ref(logicalId('workflow', t.name)), Input: '$request.body' };
      if (t.sync) responseParameters = undefined;
      break;
    default:
      throw new Error('a table route needs a rest api');
  }
  return {
    responses: { default: { description: `${t.kind} ${t.name}` } },
    'x-amazon-apigateway-integration': {
      type: 'aws_proxy',
      integrationSubtype: subtype,
      credentials: getAtt(route.roleLogicalId, 'Arn'),
      connectionType: 'INTERNET',
      payloadFormatVersion: '1.0',
      requestParameters,
      responseParameters,
    },
  };
}
