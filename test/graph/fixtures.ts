// An app that uses every edge the graph draws, beyond what the examples show: streams, https
// and function subscriptions with filters, event triggers, workflow service integrations,
// pipes (with an enrichment, from a queue and from a stream) and an API destination.
export const everyEdge = `name: sink
functions:
  api:
    uses:
      - bus: events
      - workflow: flow
      - function: worker
      - queue: orders
      - secret: arn:aws:secretsmanager:us-east-1:123456789012:secret:key
    triggers:
      - http: GET /things/{id}
  worker:
    triggers:
      - queue: jobs
        batchSize: 20
        batchWindow: 5
        maxConcurrency: 4
  changes:
    triggers:
      - stream: things
        batchSize: 50
  reader:
    triggers:
      - topic: news
        filter: { kind: [urgent, normal] }
  watcher:
    triggers:
      - event:
          bus: events
          pattern: { detail-type: [ThingChanged], detail: { size: [{ numeric: [">", 10] }] } }
tables:
  things:
    partitionKey: id
    stream: newAndOld
queues:
  inbox: {}
  jobs: {}
  orders:
    fifo: true
topics:
  news:
    subscriptions:
      - https: https://hooks.example.com/news
        filter: { kind: [{ prefix: urg }] }
buses:
  events: {}
rules:
  relay:
    bus: events
    pattern: { source: [sink] }
    targets:
      - queue: jobs
      - topic: news
      - http: { url: 'https://hooks.example.com/things', connection: hooks }
connections:
  hooks:
    auth:
      apiKey: { header: x-api-key, value: '\${secret:hooks-key}' }
pipes:
  inbox-to-flow:
    source: { queue: inbox, batchSize: 5 }
    filter: { body: { kind: [thing] } }
    enrichment: { function: worker }
    target: { workflow: flow, invocation: fireAndForget }
  things-to-events:
    source: { table: things }
    target: { bus: events, detailType: ThingChanged }
workflows:
  flow:
    definition:
      StartAt: Notify
      States:
        Notify:
          Type: Task
          Resource: arn:aws:states:::sns:publish
          Parameters:
            TopicArn: \${topics.news.arn}
            Message.$: $
          Next: Work
        Work:
          Type: Task
          Resource: worker
          Retry:
            - ErrorEquals: [Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.TooManyRequestsException]
              MaxAttempts: 4
          End: true
`;

// Buckets (a bucket trigger, uses with access) and EventBridge Scheduler schedules.
export const bucketsAndSchedules = `name: files
buckets:
  uploads: { versioning: true }
functions:
  thumbnail:
    uses: [{ bucket: uploads, access: readWrite }]
    triggers:
      - bucket: uploads
        prefix: in/
  report: {}
queues:
  inbox: {}
schedules:
  nightly:
    expression: cron(0 2 * * ? *)
    timezone: Europe/Paris
    target: { function: report }
  fill:
    expression: rate(1 hour)
    dlq: false
    target: { queue: inbox }
`;
