import { describe, expect, it } from 'vitest';
import { retarget } from '../../generators/fork/fork-files.ts';

describe('retarget', () => {
  it("points a copied test at the fork: every string that is exactly the parent's id", () => {
    const source =
      'const ID = \'ecs-fargate-alb\';\nsynthConfigs("ecs-fargate-alb", {});\nconst t = `ecs-fargate-alb`;';
    expect(retarget(source, 'ecs-fargate-alb', 'ecs-blue-green')).toBe(
      'const ID = \'ecs-blue-green\';\nsynthConfigs("ecs-blue-green", {});\nconst t = `ecs-blue-green`;',
    );
  });

  it('leaves longer names, other entries and unmatched quotes alone', () => {
    const source = "['oar-ecs-fargate-alb', 'ecs-fargate-alb-v2', 'ecs-fargate-alb\", 'serverless-rest-api']";
    expect(retarget(source, 'ecs-fargate-alb', 'ecs-blue-green')).toBe(source);
  });
});
