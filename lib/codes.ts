/**
 * What a code is about, and so how the CLI exits on it: `usage` for how a command
 * was called (exit 2), `problem` for what it found (exit 1), `internal` for a bug in
 * oar (exit 3).
 */
export type CodeKind = 'usage' | 'problem' | 'internal';

/** A code's one-line meaning and its kind. */
export interface CodeInfo {
  readonly meaning: string;
  readonly kind: CodeKind;
}

const problem = (meaning: string): CodeInfo => ({ meaning, kind: 'problem' });
const usage = (meaning: string): CodeInfo => ({ meaning, kind: 'usage' });
const internal = (meaning: string): CodeInfo => ({ meaning, kind: 'internal' });

/**
 * Every diagnostic code the registry can emit, with a one-line meaning and its kind.
 * Codes are a contract: tools and docs depend on them, never on message text.
 * CONTRIBUTING.md lists this table; a test keeps the two in step.
 */
export const CODES = {
  // OAR0xx: reading files
  OAR001: problem('A required file of the entry is missing'),
  OAR002: problem('A file is larger than the limit for its kind'),
  OAR003: problem('A symbolic link in an entry folder'),
  OAR004: problem('A file cannot be read as UTF-8 text'),
  OAR005: problem('The architectures/ folder is missing or holds no entry'),
  OAR006: problem('An entry folder name is not a valid id'),
  OAR007: problem('An entry has too many files or too many bytes'),
  OAR008: problem('A file or folder name is not valid UTF-8 or holds control characters'),
  // OAR01x: YAML syntax
  OAR010: problem('YAML syntax error'),
  OAR011: problem('Tab used for indentation in YAML'),
  OAR012: problem('Duplicate key in a YAML mapping'),
  OAR013: problem('File starts with a UTF-8 byte-order mark'),
  OAR014: problem('architecture.yaml is empty'),
  OAR015: problem('architecture.yaml is not a mapping of fields'),
  OAR016: problem('A plain YAML value reads differently in YAML 1.1'),
  OAR017: problem('YAML uses anchors, aliases, tags or directives, or nests too deeply'),
  // OAR1xx: the JSON Schema
  OAR101: problem('A required field is missing'),
  OAR102: problem('Unknown field'),
  OAR103: problem('A field has the wrong type'),
  OAR104: problem('A value is not in the controlled vocabulary'),
  OAR105: problem('A value does not have the required format'),
  OAR106: problem('A text or list is too short or too long'),
  OAR107: problem('A number is out of range'),
  OAR108: problem('A list repeats an item'),
  OAR109: problem('A field is not allowed in this combination'),
  OAR199: problem('Other schema violation'),
  // OAR2xx: rules across files and entries
  OAR201: problem('id does not match the folder name'),
  OAR202: problem('Two entries share an id'),
  OAR203: problem('forkedFrom names an entry that does not exist'),
  OAR204: problem('forkedFrom.version is newer than the parent'),
  OAR205: problem('Lineage has a cycle'),
  OAR206: problem('related names an entry that does not exist'),
  OAR207: problem('replacedBy names an entry that does not exist'),
  OAR208: problem('A referenced file does not exist'),
  OAR209: problem('A mermaid diagram is empty or declares no known diagram type'),
  OAR210: problem('README.mdx imports from outside the component library, or exports code'),
  OAR211: problem('CHANGELOG.md does not start with the current version'),
  OAR212: problem('A parameter default breaks its own constraints'),
  OAR213: problem('A smoke test uses an output that is not declared'),
  OAR214: problem('cost.monthlyUsd.low is greater than high'),
  OAR215: problem('An entry refers to itself'),
  OAR216: problem('A diagram file is not listed in architecture.yaml'),
  OAR217: problem('Two parameters or two outputs share a name'),
  OAR218: problem('Diagrams were not drawn: no browser to check them with'),
  OAR219: problem('README.mdx uses raw HTML or a component outside the library'),
  OAR220: problem('README.mdx has a JavaScript expression'),
  OAR221: problem('README.mdx links to a URL other than http, https, mailto or a relative path'),
  OAR222: problem('README.mdx is not valid MDX'),
  OAR223: problem('A code block names a language the site cannot highlight'),
  OAR224: problem('A parameter pattern can take exponential time, or a value is too long'),
  OAR225: problem('CHANGELOG.md has a release heading with a bad version or date, or out of order'),
  OAR226: problem('CHANGELOG.md has control characters, or markup in a release note'),
  OAR227: problem('README.mdx holds more { or < than the MDX parser can check quickly'),
  OAR228: problem('A README image is not a PNG, JPEG, GIF, WebP or AVIF file of the entry'),
  OAR229: problem('A mermaid diagram loads an outside resource, or is too large to draw'),
  OAR230: problem('The site left out unsafe content that validation did not stop'),
  OAR231: problem('Build output is committed: cdk.out/ is tracked in git'),
  OAR232: problem('A promise in architecture.yaml names a claim that cdk/claims.ts does not declare'),
  OAR233: problem('A failure mode, fork change or compliance constraint carries neither checks nor a runbook'),
  OAR234: problem('An operational step names a runbook heading that README.mdx does not have'),
  OAR235: problem('A stable entry forks a draft without saying what was verified'),
  OAR236: problem('A claim in cdk/claims.ts cannot be read without running it'),
  OAR237: problem('A variant sets a parameter the entry does not declare, or a value it does not accept'),
  OAR238: problem("An advisory's affected range is not a semver range, or matches no published version"),
  OAR239: problem("An advisory's fixedIn is not a published version, or is inside its affected range"),
  OAR240: problem('Two advisories of an entry share an id'),
  OAR241: problem('A fork says how it handled a parent advisory that does not apply to it'),
  OAR242: problem(
    'A parent advisory applies to the version a fork is based on, and the fork does not say how it handled it',
  ),
  // OAR3xx: the CLI and generators
  OAR301: problem('No entry with that id'),
  OAR302: problem('Target folder already exists'),
  OAR303: usage('Invalid command-line argument'),
  OAR304: usage('Unknown or invalid --param'),
  OAR305: problem('The entry has no CDK stack'),
  OAR306: problem('The CDK stack failed to load or synthesize'),
  OAR307: problem('The synthesized stack has unresolved findings'),
  OAR308: problem('cdk-nag reports a finding in the synthesized stack'),
  OAR309: problem('CloudFormation validation reports a finding in the synthesized template'),
  OAR310: problem('Output folder is not empty'),
  OAR311: problem('Refusing to deploy or destroy without confirmation'),
  OAR312: problem('Deploy failed'),
  OAR313: problem('Destroy failed'),
  OAR314: problem('A smoke test failed'),
  OAR315: usage('Invalid environment name'),
  OAR316: problem('The target account and region need a CDK bootstrap, and --yes was given without --bootstrap'),
  OAR317: usage('Invalid --execution-policy'),
  OAR318: problem('The cloud assembly has an asset oar will not publish'),
  OAR320: problem('No GitHub token'),
  OAR321: problem('GitHub refused the token or its permissions'),
  OAR322: problem('Upstream repository not found'),
  OAR323: problem('GitHub rate limit used up'),
  OAR324: problem('A branch or repository in the way of the proposal'),
  OAR325: problem('Uncommitted changes outside the entry'),
  OAR326: problem('A git or GitHub step failed'),
  OAR327: problem('cfn-lint reports a finding in the synthesized template'),
  OAR328: problem('The declared services and the resources of the template disagree'),
  OAR329: problem('A diagram and the resources of the template disagree'),
  OAR330: problem('A committed entry snapshot is not in the form its test writes'),
  OAR331: problem('The catalogue has errors, so the site was not built'),
  OAR332: problem('A claim does not hold for the synthesized template'),
  OAR333: problem('A fork change check passes on the parent too, so it proves nothing'),
  OAR334: problem('The claims file cannot be loaded or does not match its text'),
  OAR335: problem('The template needs assets that only oar deploy publishes'),
  OAR336: problem('The local emulator cannot run: moto is missing or did not start'),
  OAR337: problem('oar sync needs a clean working tree'),
  OAR338: problem('The entry is not a fork'),
  OAR339: problem('The commit a fork was taken from is not in this clone'),
  OAR340: problem('oar sync merged with conflicts'),
  OAR341: problem('A deployed stack has an advisory at or above --fail-on'),
  OAR342: problem('The deployed stacks could not be listed'),
  OAR343: problem('giscus comments are partly or wrongly configured'),
  OAR344: problem('oar diagram has no template snapshot to draw, or cannot write --out'),
  OAR345: problem('A diagram names an icon the site does not have'),
  // OAR9xx: internal
  OAR900: internal('Internal error'),
} as const satisfies Record<`OAR${string}`, CodeInfo>;

/** A diagnostic code, e.g. OAR101. */
export type Code = keyof typeof CODES;

/** Whether `code` is about usage, a problem found, or an internal error. */
export function kindOf(code: Code): CodeKind {
  return CODES[code].kind;
}
