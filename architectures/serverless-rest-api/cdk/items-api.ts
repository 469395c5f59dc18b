import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ItemsApiProps {
  readonly handler: lambda.IFunction;
  readonly stageName: string;
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
  readonly tracing: boolean;
  readonly configureAccountLogging: boolean;
  readonly retention: logs.RetentionDays;
}

/** Requests per second and burst of the unauthenticated health check, whatever the stage limits are. */
export const HEALTH_THROTTLE = { rateLimit: 10, burstLimit: 20 } as const;

/** One JSON line per request: who called what, the answer, the latencies and the Lambda request id. */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.userArn',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationStatus: '$context.integration.status',
  lambdaRequestId: '$context.integration.requestId',
  error: '$context.error.message',
  validationError: '$context.error.validationErrorString',
};

/**
 * The REST API in front of the items function: IAM-signed requests only (except GET /health), bodies
 * validated against the Item model, stage throttling, access and execution logs with a retention.
 */
export class ItemsApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ItemsApiProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const api = new apigateway.RestApi(this, 'Api', {
      restApiName: stackName,
      description: `Items API of ${stackName} (serverless-rest-api)`,
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Access and execution logging need the account-level CloudWatch Logs role of API Gateway in this Region.
      cloudWatchRole: props.configureAccountLogging,
      // Kept when the stack is deleted: other APIs in the account and Region may rely on the setting.
      ...(props.configureAccountLogging && { cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN }),
      deployOptions: {
        stageName: props.stageName,
        description: 'Items API',
        throttlingRateLimit: props.throttlingRateLimit,
        throttlingBurstLimit: props.throttlingBurstLimit,
        methodOptions: {
          '/health/GET': {
            throttlingRateLimit: HEALTH_THROTTLE.rateLimit,
            throttlingBurstLimit: HEALTH_THROTTLE.burstLimit,
          },
        },
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
        // Execution logs of errors only; request and response bodies are never logged.
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: false,
        tracingEnabled: props.tracing,
      },
    });
    this.api = api;
    // The stack declares its own ApiUrl output; CDK's automatic Endpoint output would duplicate it.
    api.node.tryRemoveChild('Endpoint');
    if (props.configureAccountLogging) {
      const accountRole = api.node.findChild('CloudWatchRole');
      Validations.of(accountRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          "API Gateway's one CloudWatch Logs role per account and Region, shared by every REST API there, which is why it is not scoped to this stack's log groups; AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for it. Set configureAccountLogging=false where the account already has one.",
      });
    }
    // API Gateway creates the execution log group on first use and never expires it; creating it here
    // first gives it a retention and deletes it with the stack.
    const executionLogs = new logs.LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${api.restApiId}/${props.stageName}`,
      retention: props.retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    api.deploymentStage.node.addDependency(executionLogs);

    // Clients see why a body was refused, not only "Invalid request body".
    api.addGatewayResponse('BadRequestBody', {
      type: apigateway.ResponseType.BAD_REQUEST_BODY,
      statusCode: '400',
      templates: { 'application/json': '{"message": "$context.error.validationErrorString"}' },
    });

    const validator = api.addRequestValidator('Validator', {
      requestValidatorName: 'body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const itemModel = api.addModel('ItemModel', {
      modelName: 'Item',
      contentType: 'application/json',
      description: 'The fields a client may set on an item',
      schema: {
        schema: apigateway.JsonSchemaVersion.DRAFT4,
        title: 'Item',
        type: apigateway.JsonSchemaType.OBJECT,
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: apigateway.JsonSchemaType.STRING, minLength: 1, maxLength: 200 },
          description: { type: apigateway.JsonSchemaType.STRING, maxLength: 2000 },
          tags: {
            type: apigateway.JsonSchemaType.ARRAY,
            maxItems: 20,
            uniqueItems: true,
            items: { type: apigateway.JsonSchemaType.STRING, minLength: 1, maxLength: 50 },
          },
        },
      },
    });
    // $default validates bodies sent with any other Content-Type against the same model.
    const withBody = {
      requestValidator: validator,
      requestModels: { 'application/json': itemModel, $default: itemModel },
    };
    const iamAuth = { authorizationType: apigateway.AuthorizationType.IAM };
    // One permission for the whole API instead of one per method, none for console test invokes.
    const integration = new apigateway.LambdaIntegration(props.handler, {
      proxy: true,
      allowTestInvoke: false,
      scopePermissionToMethod: false,
    });

    const items = api.root.addResource('items');
    const item = items.addResource('{id}');
    const methods = [
      items.addMethod('GET', integration, {
        ...iamAuth,
        requestValidator: validator,
        requestParameters: { 'method.request.querystring.limit': false, 'method.request.querystring.next': false },
      }),
      items.addMethod('POST', integration, {
        ...iamAuth,
        ...withBody,
        requestParameters: { 'method.request.header.Idempotency-Key': false },
      }),
      item.addMethod('GET', integration, { ...iamAuth, requestValidator: validator }),
      item.addMethod('PUT', integration, {
        ...iamAuth,
        ...withBody,
        requestParameters: { 'method.request.header.If-Match': false },
      }),
      item.addMethod('DELETE', integration, {
        ...iamAuth,
        requestValidator: validator,
        requestParameters: { 'method.request.header.If-Match': false },
      }),
    ];
    for (const method of methods) {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason:
          'The method uses IAM authorization: callers sign requests with SigV4, and the ClientPolicyArn or ReaderPolicyArn policy decides who may call it. A Cognito user pool authorizer is a fork for APIs whose callers are end users.',
      });
    }
    const health = api.root.addResource('health').addMethod('GET', integration, { requestValidator: validator });
    Validations.of(health).acknowledge(
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'GET /health is open on purpose so that load balancers, uptime checks and the smoke test can call it unsigned; it returns only {"status":"ok"} and is throttled to 10 requests per second on its own.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason: 'GET /health is the one method without authorization, for uptime checks; see AwsSolutions-APIG4.',
      },
    );
    Validations.of(api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'Every item method needs a SigV4 signature, which unsigned floods fail at API Gateway before any code runs, and stage throttling caps the rest. Associate a regional WAF web ACL with the stage for IP rate rules or bot control on a public API.',
    });
  }

  /** execute-api:Invoke on the item methods, for a client policy. */
  invokeArns(stageName: string, methods: readonly string[]): string[] {
    return methods.flatMap((m) => [
      this.api.arnForExecuteApi(m, '/items', stageName),
      this.api.arnForExecuteApi(m, '/items/*', stageName),
    ]);
  }

  clientPolicy(id: string, description: string, stageName: string, methods: readonly string[]): iam.ManagedPolicy {
    return new iam.ManagedPolicy(this, id, {
      description,
      statements: [
        new iam.PolicyStatement({
          actions: ['execute-api:Invoke'],
          resources: this.invokeArns(stageName, methods),
        }),
      ],
    });
  }
}
