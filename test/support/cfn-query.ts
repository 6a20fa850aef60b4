// Answers in CloudFormation's query-API XML, for scripted local endpoints.
export const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

export const stackId = (name: string) => `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/1`;

export function stackXml(name: string, status: string, outputs: Record<string, string> = {}) {
  const out = Object.entries(outputs)
    .map(([k, v]) => `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`)
    .join('');
  return `<member><StackName>${name}</StackName><StackId>${stackId(name)}</StackId><StackStatus>${status}</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime>${out ? `<Outputs>${out}</Outputs>` : ''}</member>`;
}

export const describeStacks = (member: string) => `<DescribeStacksResponse xmlns="${NS}"><DescribeStacksResult><Stacks>${member}</Stacks></DescribeStacksResult></DescribeStacksResponse>`;

export const errorXml = (code: string, message: string) =>
  `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;

export const eventsXml = (name: string, status: string) =>
  `<DescribeStackEventsResponse xmlns="${NS}"><DescribeStackEventsResult><StackEvents><member><StackId>${stackId(name)}</StackId><EventId>e1</EventId><StackName>${name}</StackName><LogicalResourceId>${name}</LogicalResourceId><PhysicalResourceId>${stackId(name)}</PhysicalResourceId><ResourceType>AWS::CloudFormation::Stack</ResourceType><Timestamp>2026-01-01T00:00:00Z</Timestamp><ResourceStatus>${status}</ResourceStatus><ResourceStatusReason>User Initiated</ResourceStatusReason></member></StackEvents></DescribeStackEventsResult></DescribeStackEventsResponse>`;

export const templateXml = (body: string) => `<GetTemplateResponse xmlns="${NS}"><GetTemplateResult><TemplateBody>${body}</TemplateBody></GetTemplateResult></GetTemplateResponse>`;

export const resourcesXml = () => `<ListStackResourcesResponse xmlns="${NS}"><ListStackResourcesResult><StackResourceSummaries/></ListStackResourcesResult></ListStackResourcesResponse>`;

export const changeSetsXml = (stack: string, names: string[]) =>
  `<ListChangeSetsResponse xmlns="${NS}"><ListChangeSetsResult><Summaries>${names
    .map((n) => `<member><StackId>${stackId(stack)}</StackId><StackName>${stack}</StackName><ChangeSetId>${stackId(stack).replace(`stack/${stack}/1`, `changeSet/${n}/1`)}</ChangeSetId><ChangeSetName>${n}</ChangeSetName><ExecutionStatus>AVAILABLE</ExecutionStatus><Status>CREATE_COMPLETE</Status><CreationTime>2026-01-01T00:00:00Z</CreationTime></member>`)
    .join('')}</Summaries></ListChangeSetsResult></ListChangeSetsResponse>`;
