import {
  type App,
  type CfnResource,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks, type NagPack } from 'cdk-nag';

/**
 * Runs cdk-nag's AwsSolutions pack as a CDK validation plugin, and returns a check to call after
 * `app.synth()` that throws on any finding not acknowledged with
 * `Validations.of(construct).acknowledge({ id, reason })`.
 *
 * Why the adapter: cdk-nag 3's own plugin needs the construct tree on the validation context,
 * which aws-cdk-lib 2.257 (pinned; integ-runner cannot read newer assemblies) does not pass, so
 * registered directly it reports "NagPack requires a construct tree" and checks nothing. The
 * adapter runs the same rules with `validateScope` and fills in the logical ids and template paths
 * the 2.257 report expects.
 *
 * Why the check after synth: the CDK CLI (2.1148) tells the app not to fail on validation errors
 * and reads `validation-report.json`, while aws-cdk-lib 2.257 writes `policy-validation-report.json`;
 * without the check, `cdk synth` would print nothing and pass.
 */
export function addNagChecks(app: App, pack: NagPack = new AwsSolutionsChecks(app)): () => void {
  const plugin = new ConstructTreeNagPlugin(app, pack);
  Validations.of(app).addPlugins(plugin);
  return () => {
    const report = plugin.lastReport ?? pack.validateScope(app);
    if (!report.success) {
      const lines = report.violations.flatMap((v) =>
        v.violatingResources.map((r) => `  ${v.ruleName} at ${(r as { constructPath?: string }).constructPath}: ${v.description}`),
      );
      throw new Error(`cdk-nag ${pack.readPackName}: findings not acknowledged:\n${lines.join('\n')}`);
    }
  };
}

class ConstructTreeNagPlugin implements IPolicyValidationPlugin {
  public readonly name: string;
  public lastReport?: PolicyValidationPluginReport;

  constructor(
    private readonly app: App,
    private readonly pack: NagPack,
  ) {
    this.name = pack.readPackName;
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = this.pack.validateScope(this.app);
    this.lastReport = report;
    const byPath = new Map(this.app.node.findAll().map((c) => [c.node.path, c]));
    return {
      success: report.success,
      violations: report.violations.map((violation) => ({
        ...violation,
        violatingResources: violation.violatingResources.map((found) => {
          const path = (found as { constructPath?: string }).constructPath ?? '';
          const resource = byPath.get(path) as CfnResource;
          const stack = Stack.of(resource);
          return {
            resourceLogicalId: stack.getLogicalId(resource),
            templatePath: context.templatePaths.find((p) => p.endsWith(stack.templateFile)) ?? stack.templateFile,
            locations: found.locations,
          };
        }),
      })),
    };
  }
}
