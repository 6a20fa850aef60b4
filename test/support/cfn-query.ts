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

export const changeSetId = (stack: string, name: string) => stackId(stack).replace(`stack/${stack}/1`, `changeSet/${name}/1`);

export const createChangeSetXml = (stack: string, name: string) =>
  `<CreateChangeSetResponse xmlns="${NS}"><CreateChangeSetResult><Id>${changeSetId(stack, name)}</Id><StackId>${stackId(stack)}</StackId></CreateChangeSetResult></CreateChangeSetResponse>`;

export interface ChangeXml {
  action: 'Add' | 'Modify' | 'Remove';
  logicalId: string;
  type: string;
  replacement?: string;
  /** A drift-aware change set's ResourceDriftStatus (MODIFIED, DELETED, IN_SYNC...). */
  drift?: string;
  /** Details: property paths whose change is against an out-of-band value (BeforeValueFrom ACTUAL_STATE). */
  driftedPaths?: string[];
}

export const describeChangeSetXml = (stack: string, name: string, changes: ChangeXml[], status = 'CREATE_COMPLETE') =>
  `<DescribeChangeSetResponse xmlns="${NS}"><DescribeChangeSetResult><ChangeSetName>${name}</ChangeSetName><ChangeSetId>${changeSetId(stack, name)}</ChangeSetId><StackId>${stackId(stack)}</StackId><StackName>${stack}</StackName><Status>${status}</Status><ExecutionStatus>AVAILABLE</ExecutionStatus><Changes>${changes
    .map(
      (c) =>
        `<member><Type>Resource</Type><ResourceChange><Action>${c.action}</Action><LogicalResourceId>${c.logicalId}</LogicalResourceId><ResourceType>${c.type}</ResourceType>${c.replacement ? `<Replacement>${c.replacement}</Replacement>` : ''}${c.drift ? `<ResourceDriftStatus>${c.drift}</ResourceDriftStatus>` : ''}${
          c.driftedPaths?.length
            ? `<Details>${c.driftedPaths.map((p) => `<member><Target><Attribute>Properties</Attribute><Name>${p.split('.')[0]}</Name><Path>/Properties/${p.replace(/\./g, '/')}</Path><BeforeValue>out-of-band</BeforeValue><AfterValue>template</AfterValue><AttributeChangeType>Modify</AttributeChangeType><BeforeValueFrom>ACTUAL_STATE</BeforeValueFrom><AfterValueFrom>TEMPLATE</AfterValueFrom><Drift><DriftStatus>MODIFIED</DriftStatus><PreviousValue>template</PreviousValue><ActualValue>out-of-band</ActualValue></Drift></Target><ChangeSource>DirectModification</ChangeSource><Evaluation>Static</Evaluation></member>`).join('')}</Details>`
            : ''
        }</ResourceChange></member>`,
    )
    .join('')}</Changes></DescribeChangeSetResult></DescribeChangeSetResponse>`;

/** ListStackResources with these resources (logical ID → [type, physical ID]). */
export const stackResourcesXml = (resources: Record<string, [string, string]>) =>
  `<ListStackResourcesResponse xmlns="${NS}"><ListStackResourcesResult><StackResourceSummaries>${Object.entries(resources)
    .map(([id, [type, physical]]) => `<member><LogicalResourceId>${id}</LogicalResourceId><PhysicalResourceId>${physical}</PhysicalResourceId><ResourceType>${type}</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus><LastUpdatedTimestamp>2026-01-01T00:00:00Z</LastUpdatedTimestamp></member>`)
    .join('')}</StackResourceSummaries></ListStackResourcesResult></ListStackResourcesResponse>`;

export const detectDriftXml = (id: string) => `<DetectStackDriftResponse xmlns="${NS}"><DetectStackDriftResult><StackDriftDetectionId>${id}</StackDriftDetectionId></DetectStackDriftResult></DetectStackDriftResponse>`;

export const driftStatusXml = (stack: string, id: string, detection: string, drift?: string, drifted?: number, reason?: string) =>
  `<DescribeStackDriftDetectionStatusResponse xmlns="${NS}"><DescribeStackDriftDetectionStatusResult><StackId>${stackId(stack)}</StackId><StackDriftDetectionId>${id}</StackDriftDetectionId>${drift ? `<StackDriftStatus>${drift}</StackDriftStatus>` : ''}<DetectionStatus>${detection}</DetectionStatus>${reason ? `<DetectionStatusReason>${reason}</DetectionStatusReason>` : ''}${drifted !== undefined ? `<DriftedStackResourceCount>${drifted}</DriftedStackResourceCount>` : ''}<Timestamp>2026-01-01T00:00:00Z</Timestamp></DescribeStackDriftDetectionStatusResult></DescribeStackDriftDetectionStatusResponse>`;

export interface ResourceDriftXml {
  logicalId: string;
  type: string;
  physicalId: string;
  status: 'MODIFIED' | 'DELETED' | 'IN_SYNC';
  differences?: { path: string; expected: string; actual: string; type?: string }[];
}

export const resourceDriftsXml = (stack: string, drifts: ResourceDriftXml[]) =>
  `<DescribeStackResourceDriftsResponse xmlns="${NS}"><DescribeStackResourceDriftsResult><StackResourceDrifts>${drifts
    .map(
      (d) =>
        `<member><StackId>${stackId(stack)}</StackId><LogicalResourceId>${d.logicalId}</LogicalResourceId><PhysicalResourceId>${d.physicalId}</PhysicalResourceId><ResourceType>${d.type}</ResourceType><PropertyDifferences>${(d.differences ?? [])
          .map((p) => `<member><PropertyPath>${p.path}</PropertyPath><ExpectedValue>${p.expected}</ExpectedValue><ActualValue>${p.actual}</ActualValue><DifferenceType>${p.type ?? 'NOT_EQUAL'}</DifferenceType></member>`)
          .join('')}</PropertyDifferences><StackResourceDriftStatus>${d.status}</StackResourceDriftStatus><Timestamp>2026-01-01T00:00:00Z</Timestamp></member>`,
    )
    .join('')}</StackResourceDrifts></DescribeStackResourceDriftsResult></DescribeStackResourceDriftsResponse>`;
