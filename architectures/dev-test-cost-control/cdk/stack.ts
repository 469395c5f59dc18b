import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as servicecatalog from 'aws-cdk-lib/aws-servicecatalog';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { EngineerPolicy, LaunchRole, ProductRoleBoundary } from './access.ts';
import { CostControl } from './cost-control.ts';
import { artifactName, listOf, parsePrincipals, parseProducts, templateKey } from './products.ts';
import type { Parameters } from './parameters.generated.ts';

export interface SelfServicePortalStackProps extends StackProps {
  readonly parameters: Parameters;
}

/** Tag keys the portfolio asks for at every launch; oar:entry comes from the product itself. */
export const TAG_KEYS = {
  entry: 'oar:entry',
  env: 'oar:env',
  team: 'team',
  costCentre: 'cost-centre',
  expiresAfter: 'expires-after',
} as const;

/**
 * Self-service environment portal: a Service Catalog portfolio whose products are catalogue entries,
 * synthesized by `oar synth` and uploaded to a template bucket. Engineers launch, update and terminate
 * them through a launch role whose service rights work only through CloudFormation and whose roles carry a
 * permissions boundary, choose their tags from fixed lists, and every stack event goes to a notification topic.
 */
export default class SelfServicePortalStack extends Stack {
  constructor(scope: Construct, id: string, props: SelfServicePortalStackProps) {
    super(scope, id, props);
    const p = props.parameters;
    const products = parseProducts(p.products);
    const principals = parsePrincipals(p.engineerPrincipalArns);

    // --- Template bucket: where the platform team uploads `oar synth` output before listing it in products.
    const templates = new s3.Bucket(this, 'TemplateBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        {
          id: 'old-versions',
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(365),
        },
      ],
      removalPolicy: p.retainTemplates ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(templates).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Writes are rare uploads by the platform team and are recorded by CloudTrail; Service Catalog copies each template when a version is created, so later changes to an object do not reach engineers.',
    });

    // --- Notification topic for every stack event of every provisioned product.
    const key = new kms.Key(this, 'NotificationKey', {
      description: `Encrypts the provisioning events topic of ${this.stackName}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } };
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudFormationStackNotifications',
        principals: [new iam.ServicePrincipal('cloudformation.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: fromThisAccount,
      }),
    );
    const topic = new sns.Topic(this, 'ProvisioningEvents', {
      displayName: 'Provisioned product events',
      masterKey: key,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudFormationStackNotifications',
        principals: [new iam.ServicePrincipal('cloudformation.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: fromThisAccount,
      }),
    );
    if (p.notificationEmail !== '') topic.addSubscription(new subscriptions.EmailSubscription(p.notificationEmail));

    // --- Cost control: expiry, office hours and a budget, all reporting to the events topic.
    const costControl = new CostControl(this, 'CostControl', {
      topic,
      topicKey: key,
      graceDays: p.reaperGraceDays,
      timezone: p.scheduleTimezone,
      officeHoursStart: p.officeHoursStart,
      officeHoursEnd: p.officeHoursEnd,
      monthlyBudgetUsd: p.monthlyBudgetUsd,
      logRetentionDays: p.logRetentionDays,
      budgetAction: p.budgetAction,
      engineerRoleArns: principals.filter((x) => x.type === 'IAM' && x.arn.includes(':role/')).map((x) => x.arn),
    });

    // --- Who may do what: a boundary for product roles, a launch role for Service Catalog, a policy for engineers.
    const boundaryName = `${this.stackName}-product-boundary`;
    const boundary = new ProductRoleBoundary(this, 'ProductRoleBoundary', { name: boundaryName });
    const launchRole = new LaunchRole(this, 'LaunchRole', {
      services: listOf(p.launchRoleServices),
      attachablePolicies: listOf(p.attachablePolicies),
      boundary: boundary.policy,
      templateBucket: templates,
      notificationTopic: topic,
      notificationKey: key,
    });
    const engineerPolicy = new EngineerPolicy(this, 'EngineerPolicy', { accessLevel: p.engineerAccessLevel });

    // --- The portfolio, its tag options and the engineers who see it.
    const portfolio = new servicecatalog.Portfolio(this, 'Portfolio', {
      displayName: p.portfolioName,
      providerName: p.providerName,
      description: 'Catalogue entries of the Open Architecture Registry that engineers deploy and scale themselves',
    });
    const allowed: Record<string, string[]> = { [TAG_KEYS.env]: listOf(p.environments) };
    if (p.teams !== '') allowed[TAG_KEYS.team] = listOf(p.teams);
    if (p.costCentres !== '') allowed[TAG_KEYS.costCentre] = listOf(p.costCentres);
    if (p.lifetimes !== '') allowed[TAG_KEYS.expiresAfter] = listOf(p.lifetimes);
    portfolio.associateTagOptions(new servicecatalog.TagOptions(this, 'TagOptions', { allowedValuesForTags: allowed }));
    principals.forEach(({ arn, type }, i) => {
      new servicecatalog.CfnPortfolioPrincipalAssociation(this, `EngineerAccess${i + 1}`, {
        portfolioId: portfolio.portfolioId,
        principalArn: arn,
        principalType: type,
      });
    });

    // --- One product per catalogue entry, one version per uploaded template.
    const productIds: string[] = [];
    for (const [entry, artifacts] of products) {
      const product = new servicecatalog.CloudFormationProduct(this, `Product-${entry}`, {
        productName: entry,
        owner: p.providerName,
        distributor: 'Open Architecture Registry',
        description: `Catalogue entry ${entry}: see its README in the registry for what it builds and costs`,
        productVersions: artifacts.map((a) => ({
          productVersionName: artifactName(a),
          description: `oar synth ${a.entry} (entry version ${a.version}, parameter set ${a.variant})`,
          cloudFormationTemplate: servicecatalog.CloudFormationTemplate.fromUrl(
            `https://${templates.bucketRegionalDomainName}/${templateKey(a)}`,
          ),
          validateTemplate: true,
        })),
        tagOptions: new servicecatalog.TagOptions(this, `EntryTag-${entry}`, {
          allowedValuesForTags: { [TAG_KEYS.entry]: [entry] },
        }),
      });
      // The launch role and its policy must exist before Service Catalog validates the launch constraint.
      product.node.addDependency(launchRole);
      portfolio.addProduct(product);
      portfolio.setLaunchRole(product, launchRole.role, {
        description: 'Launches, updates and terminates with the portal launch role, not with the engineer',
      });
      portfolio.notifyOnStackEvents(product, topic, {
        description: 'Every stack event goes to the provisioning events topic',
      });
      portfolio.constrainTagUpdates(product, { allow: p.allowTagUpdates });
      productIds.push(product.productId);
    }

    // --- Outputs.
    new CfnOutput(this, 'PortfolioId', { value: portfolio.portfolioId, description: 'Service Catalog portfolio.' });
    new CfnOutput(this, 'TemplateBucketName', { value: templates.bucketName, description: 'Bucket for templates.' });
    new CfnOutput(this, 'TemplateUrlPrefix', {
      value: `https://${templates.bucketRegionalDomainName}/`,
      description: 'URL prefix of uploaded templates.',
    });
    new CfnOutput(this, 'LaunchRoleArn', { value: launchRole.role.roleArn, description: 'Launch role.' });
    new CfnOutput(this, 'ProductRoleBoundaryName', {
      // The name as written: the policy's own attribute would be an ARN split at deploy time.
      value: boundaryName,
      description: 'Permissions boundary for oar synth --permissions-boundary.',
    });
    new CfnOutput(this, 'EngineerPolicyArn', {
      value: engineerPolicy.policy.managedPolicyArn,
      description: 'Managed policy for engineer roles.',
    });
    new CfnOutput(this, 'ReaperFunctionName', { value: costControl.reaper.functionName, description: 'Expiry reaper.' });
    new CfnOutput(this, 'InstanceSchedulerFunctionName', {
      value: costControl.instanceScheduler.functionName,
      description: 'Office-hours instance scheduler.',
    });
    new CfnOutput(this, 'BudgetName', { value: costControl.budget.ref, description: 'Monthly cost budget.' });
    new CfnOutput(this, 'NotificationTopicArn', { value: topic.topicArn, description: 'Provisioning events topic.' });
    new CfnOutput(this, 'ProductIds', {
      value: productIds.length > 0 ? Fn.join(',', productIds) : 'none',
      description: 'Product ids in the order of the products parameter, or none.',
    });
  }
}
