// WebSocket APIs and function URLs: what validate reports (with positions and hints), what the
// template holds (routes, integrations, permissions scoped to one route, ManageConnections on
// exactly one API's connections, the stage's throttle and access logs, outputs), and the typed
// handler stubs and resources module synth writes.
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/pipeline/index.js';
import { validateText } from '../../src/pipeline/validate.js';
import { tempProject } from '../support/cli.js';

const problems = (yaml: string) => validateText(yaml, { cwd: '/' }).diagnostics.map((d) => `${d.line}:${d.col} ${d.severity} ${d.message} | ${d.hint ?? ''}`);

const chat = [
  'name: shop',
  'apis:',
  '  chat:',
  '    type: websocket',
  '    routes:',
  '      $connect: onConnect',
  '      $disconnect: onConnect',
  '      sendMessage: send',
  '  public: {}',
  'functions:',
  '  onConnect: {}',
  '  send:',
  '    uses: [{ api: chat }]',
  '  hello:',
  '    triggers: [{ http: GET /hello }]',
  '    url: true',
  '    environment: { CHAT_URL: "${apis.chat.url}" }',
  'outputs:',
  '  HelloUrl: ${functions.hello.url}',
  '',
].join('\n');

const templateOf = async (yaml: string) => (await compile({ cwd: tempProject({ 'app.yaml': yaml }) })).template;

describe('validate: websocket apis and function URLs', () => {
  it('accepts a websocket api beside an http api, whose routes need no api:', () => {
    expect(problems(chat)).toEqual([]);
  });

  it('reports unknown functions, invalid route keys, http settings and misplaced routes at their positions', () => {
    const yaml = [
      'name: shop',
      'apis:',
      '  chat:',
      '    type: websocket',
      '    cors: true',
      '    auth: { type: jwt, issuer: "https://x", audience: [a] }',
      '    routes:',
      '      $conect: onConnect',
      '      sendMessage: sned',
      '      "two words": onConnect',
      '  public:',
      '    routeSelection: $request.body.action',
      '    routes: { $connect: onConnect }',
      'functions:',
      '  onConnect: {}',
      '  send:',
      '    uses: [{ api: public }]',
      '    triggers: [{ http: GET /x, api: chat }]',
      '',
    ].join('\n');
    expect(problems(yaml)).toEqual([
      '5:5 error cors does not apply to a websocket api | browsers send no CORS preflight for WebSocket connections: check the Origin header in the $connect handler instead',
      '6:19 error jwt auth needs an http api; a websocket api takes auth: iam or none | auth: iam signs the $connect request with SigV4; or check a token in the $connect handler',
      "8:7 error '$conect' is not a route key API Gateway knows | did you mean '$connect'? (keys starting with $ are reserved: $connect, $disconnect, $default)",
      "9:20 error function 'sned' is not declared under functions | did you mean 'send'?",
      "10:7 error 'two words' is not a valid route key | a route key is the value the selection expression finds in a message (e.g. sendMessage): 1 to 128 characters, no spaces",
      "11:3 warning api 'public' has no routes | add an http trigger to a function: triggers: [{ http: GET /hello, api: public }], or a direct route under routes:",
      "12:5 error routeSelection applies to websocket apis; 'public' is an http api | add type: websocket to make it a WebSocket API",
      "13:15 error route '$connect: onConnect' is a websocket route, but 'public' is an http api | add type: websocket to the api, or give onConnect an http trigger: triggers: [{ http: GET /path, api: public }]",
      "17:19 error api 'public' is an http api; uses: api grants posting to the connections of a websocket api | call an http api over HTTPS with its URL (${apis.public.url} in environment)",
      "18:37 error api 'chat' is a websocket api; it takes no http routes | a websocket api's routes are listed under apis.chat.routes (sendMessage: send); put this http route on an http api",
    ]);
  });

  it('reports URL attributes that do not exist and a function reading its own URL', () => {
    const yaml = [
      'name: shop',
      'apis:',
      '  public: {}',
      'functions:',
      '  a:',
      '    triggers: [{ http: GET /a }]',
      '    url: { auth: none, cors: { origins: ["*"], methods: [GET, TRACE], allowCredentials: true, maxAge: 90000 } }',
      '    environment: { SELF: "${functions.a.url}", CB: "${apis.public.callbackUrl}" }',
      '  b:',
      '    environment: { ARN: "${functions.b.arn}", OTHER: "${functions.c.url}" }',
      '  c: {}',
      '',
    ].join('\n');
    expect(problems(yaml)).toEqual([
      "7:63 error a function URL's CORS cannot allow the method 'TRACE' | allow any of GET, PUT, HEAD, POST, PATCH, DELETE, * (preflight OPTIONS requests are answered by Lambda)",
      '7:89 error allowCredentials cannot be used with the origin * | list the exact origins, e.g. origins: [https://app.example.com]',
      "7:103 error a function URL's CORS maxAge is at most 86400 seconds (a day), not 90000 | ",
      '8:27 error ${functions.a.url}: a function cannot read its own URL from its environment | the URL exists only once the function does (a circular dependency); read it in the handler from the request (event.requestContext.domainName)',
      '8:53 error ${apis.public.callbackUrl}: only websocket apis have a callbackUrl | ${apis.public.url} is its URL',
      "10:55 error ${functions.c.url}: function 'c' has no function URL | give it one: url: true (IAM auth) under functions.c",
    ]);
  });

  it('rejects a selection expression outside the body and an unknown url auth', () => {
    const yaml = 'name: shop\napis:\n  chat: { type: websocket, routeSelection: "$request.header.x" }\nfunctions:\n  a: { url: { auth: public } }\n';
    expect(problems(yaml)).toEqual([
      "3:3 warning websocket api 'chat' has no routes | list them: routes: { $connect: onConnect, $disconnect: onDisconnect, sendMessage: send }",
      "3:44 error '$request.header.x' is not a route selection expression eda can route by | name a field of the JSON message: $request.body.action (or a nested one, $request.body.meta.type)",
      '5:21 error functions.a.url.auth must be one of iam, none, not the string "public" | iam (default): callers sign with SigV4 and need lambda:InvokeFunctionUrl; none: anyone on the internet may call it',
    ]);
  });
});

describe('synth: a websocket api', () => {
  it('routes each key to its function through a proxy integration, with a permission for that route only', async () => {
    const t = await templateOf(chat);
    const r = t.Resources as Record<string, { Type: string; Properties: any; DependsOn?: string[] }>;
    expect(r.ChatWebSocketApi).toMatchObject({ Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } });
    expect(r.ChatWebSocketSendMessageRoute!.Properties).toEqual({
      ApiId: { Ref: 'ChatWebSocketApi' },
      RouteKey: 'sendMessage',
      AuthorizationType: 'NONE',
      Target: { 'Fn::Sub': 'integrations/${ChatWebSocketSendMessageIntegration}' },
    });
    expect(r.ChatWebSocketSendMessageIntegration!.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${SendFunction.Arn}/invocations' },
    });
    expect(r.ChatWebSocketConnectPermission!.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { Ref: 'OnConnectFunction' },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatWebSocketApi}/dev/$connect' },
    });
    expect(Object.keys(r).filter((id) => r[id]!.Type === 'AWS::ApiGatewayV2::Route')).toEqual(['ChatWebSocketConnectRoute', 'ChatWebSocketDisconnectRoute', 'ChatWebSocketSendMessageRoute']);
    const stage = r.ChatWebSocketStage!;
    expect(stage.DependsOn).toEqual(['ChatWebSocketConnectRoute', 'ChatWebSocketDisconnectRoute', 'ChatWebSocketSendMessageRoute']);
    expect(stage.Properties).toMatchObject({ StageName: 'dev', AutoDeploy: true, DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 } });
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({ connectionId: '$context.connectionId', eventType: '$context.eventType', routeKey: '$context.routeKey' });
    expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': ['ChatWebSocketApiAccessLogGroup', 'Arn'] });
    expect(t.Outputs.ChatWebSocketUrl!.Value).toEqual({ 'Fn::Sub': 'wss://${ChatWebSocketApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/dev' });
    // the http api beside it keeps the http routes
    expect(r.HelloFunction!.Properties.Events.HttpGetHello.Properties.ApiId).toEqual({ Ref: 'PublicHttpApi' });
    expect(r.HelloFunction!.Properties.Environment.Variables.CHAT_URL).toEqual({ 'Fn::Sub': 'wss://${ChatWebSocketApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/dev' });
  });

  it('lets a function that uses the api manage exactly that stage\'s connections, and tells it the endpoint', async () => {
    const t = await templateOf(chat);
    const r = t.Resources as Record<string, { Type: string; Properties: any }>;
    const statements = r.SendFunctionRole!.Properties.Policies[0].PolicyDocument.Statement as { Action: unknown; Resource: unknown }[];
    expect(statements.filter((s) => JSON.stringify(s.Action).includes('execute-api'))).toEqual([
      {
        Effect: 'Allow',
        Action: 'execute-api:ManageConnections',
        Resource: ['POST', 'GET', 'DELETE'].map((m) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${ChatWebSocketApi}/dev/${m}/@connections/*` })),
      },
    ]);
    expect(r.SendFunction!.Properties.Environment.Variables.CHAT_API_ENDPOINT).toEqual({ 'Fn::Sub': 'https://${ChatWebSocketApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/dev' });
    const other = JSON.stringify(r.OnConnectFunctionRole!.Properties);
    expect(other).not.toContain('execute-api');
  });

  it('signs $connect with IAM when the api says auth: iam', async () => {
    const t = await templateOf('name: shop\napis:\n  chat: { type: websocket, auth: iam, routes: { $connect: a, $default: a } }\nfunctions:\n  a: {}\n');
    const r = t.Resources as Record<string, { Properties: any }>;
    expect(r.ChatWebSocketConnectRoute!.Properties.AuthorizationType).toBe('AWS_IAM');
    expect(r.ChatWebSocketDefaultRoute!.Properties.AuthorizationType).toBe('NONE');
  });

  it('writes typed websocket stubs and the endpoint getter', async () => {
    const { files } = await compile({ cwd: tempProject({ 'app.yaml': chat }) });
    const file = (p: string) => files.find((f) => f.path === p)!.content;
    expect(file('src/handlers/onConnect.ts')).toContain('export const handler = async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> => {');
    expect(file('src/handlers/onConnect.ts')).toContain('return { statusCode: 200 };');
    expect(file('src/handlers/onConnect.ts')).toContain('Invoked on websocket chat $connect, websocket chat $disconnect');
    expect(file('src/handlers/send.ts')).toContain('Invoked by websocket chat sendMessage');
    expect(file('src/handlers/send.ts')).toContain('resources.apis.chat.endpoint   (CHAT_API_ENDPOINT; ApiGatewayManagementApiClient endpoint: post to connections)');
    expect(file('src/generated/resources.ts')).toContain('return read("CHAT_API_ENDPOINT", "add `- api: chat` to the function\'s uses in app.yaml");');
  });
});

describe('synth: function URLs', () => {
  it('gives a function URL IAM auth by default, an output, and ${functions.X.url}', async () => {
    const t = await templateOf(chat);
    const r = t.Resources as Record<string, { Properties: any }>;
    expect(r.HelloFunction!.Properties.FunctionUrlConfig).toEqual({ AuthType: 'AWS_IAM' });
    expect(t.Outputs.HelloFunctionUrl!.Value).toEqual({ 'Fn::GetAtt': ['HelloFunctionUrl', 'FunctionUrl'] });
    expect(t.Outputs.HelloUrl!.Value).toEqual({ 'Fn::GetAtt': ['HelloFunctionUrl', 'FunctionUrl'] });
  });

  it('writes auth none, CORS and streaming as asked', async () => {
    const t = await templateOf('name: shop\nfunctions:\n  a:\n    url: { auth: none, invokeMode: RESPONSE_STREAM, cors: { origins: [https://app.example.com], methods: [GET, POST], allowCredentials: true, maxAge: 600 } }\n');
    expect((t.Resources.AFunction as { Properties: any }).Properties.FunctionUrlConfig).toEqual({
      AuthType: 'NONE',
      InvokeMode: 'RESPONSE_STREAM',
      Cors: { AllowOrigins: ['https://app.example.com'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['*'], AllowCredentials: true, MaxAge: 600 },
    });
  });
});

describe('validate: a websocket route handler invoked another way', () => {
  it('warns where the second kind of invoker is written', () => {
    const yaml = 'name: shop\napis:\n  chat:\n    type: websocket\n    routes: { $connect: a, sendMessage: a }\nqueues:\n  q: {}\nfunctions:\n  a:\n    triggers: [{ queue: q }]\n';
    expect(problems(yaml)).toEqual([
      "5:25 warning function 'a' is a queue consumer (its queue trigger) but is also invoked as a websocket route handler by websocket api 'chat' (route $connect); its handler is typed for queue messages (event.Records), not WebSocket events (event.requestContext.connectionId) | split it into one function per kind of invoker, each written for its own event",
    ]);
  });
});
