import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { READ_SCOPE, WRITE_SCOPE } from './identity.ts';

export interface ItemsApiProps {
  readonly handler: lambda.IFunction;
  readonly userPool: cognito.IUserPool;
  readonly client: cognito.IUserPoolClient;
  readonly allowedOrigins: string[];
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
  readonly retention: logs.RetentionDays;
}

/** Requests per second and burst of the unauthenticated health check, whatever the stage limits are. */
export const HEALTH_THROTTLE = { rateLimit: 10, burstLimit: 20 } as const;

/** The routes, and the scope each needs; GET /health needs none. */
export const ROUTES: readonly { method: apigwv2.HttpMethod; path: string; scope: string }[] = [
  { method: apigwv2.HttpMethod.GET, path: '/items', scope: READ_SCOPE },
  { method: apigwv2.HttpMethod.GET, path: '/items/{id}', scope: READ_SCOPE },
  { method: apigwv2.HttpMethod.POST, path: '/items', scope: WRITE_SCOPE },
  { method: apigwv2.HttpMethod.PUT, path: '/items/{id}', scope: WRITE_SCOPE },
  { method: apigwv2.HttpMethod.DELETE, path: '/items/{id}', scope: WRITE_SCOPE },
];

/** One JSON line per request: which user called what, the answer, why the authorizer refused, and the Lambda request id. */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  user: '$context.authorizer.claims.sub',
  clientId: '$context.authorizer.claims.client_id',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  lambdaRequestId: '$context.integration.requestId',
  authorizerError: '$context.authorizer.error',
  error: '$context.error.message',
};

/**
 * The HTTP API in front of the items function: a JWT authorizer that trusts the user pool and its app client,
 * a scope per route, CORS for the app's origins, stage throttling and JSON access logs.
 */
export class ItemsApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ItemsApiProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: stackName,
      description: `Items API of ${stackName} (cognito-http-api)`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: [
          apigwv2.CorsHttpMethod.GET,
          apigwv2.CorsHttpMethod.POST,
          apigwv2.CorsHttpMethod.PUT,
          apigwv2.CorsHttpMethod.DELETE,
        ],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
        exposeHeaders: ['etag', 'location', 'idempotent-replayed'],
      },
    });
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttlingRateLimit, burstLimit: props.throttlingBurstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // The open health route has its own, lower limit, so that it cannot be used to spend the stage's budget.
    (this.stage.node.defaultChild as apigwv2.CfnStage).addPropertyOverride('RouteSettings', {
      'GET /health': { ThrottlingRateLimit: HEALTH_THROTTLE.rateLimit, ThrottlingBurstLimit: HEALTH_THROTTLE.burstLimit },
    });

    // Trusts tokens whose issuer is this pool and whose client_id (access tokens) or aud (ID tokens) is this client.
    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: [props.client],
      authorizerName: 'cognito',
    });
    const integration = new HttpLambdaIntegration('Items', props.handler, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
    });
    for (const route of ROUTES) {
      this.api.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
        authorizer,
        authorizationScopes: [route.scope],
      });
    }
    const [health] = this.api.addRoutes({ path: '/health', methods: [apigwv2.HttpMethod.GET], integration });
    if (health) {
      Validations.of(health).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'GET /health is open so that uptime checks can call it; it reads one fixed key of the table and returns no user data, and the stage throttle limits it.',
      });
    }
  }
}
