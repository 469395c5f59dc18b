/**
 * Every diagnostic code the registry can emit, with a one-line meaning.
 * Codes are a contract: tools and docs depend on them, never on message text.
 * CONTRIBUTING.md lists this table; a test keeps the two in step.
 */
export const CODES = {
  // OAR0xx: reading files
  OAR001: 'A required file of the entry is missing',
  OAR002: 'A file is larger than the limit for its kind',
  OAR003: 'A symbolic link points outside the entry folder',
  OAR004: 'A file cannot be read as UTF-8 text',
  OAR005: 'The architectures/ folder is missing or holds no entry',
  OAR006: 'An entry folder name is not a valid id',
  // OAR01x: YAML syntax
  OAR010: 'YAML syntax error',
  OAR011: 'Tab used for indentation in YAML',
  OAR012: 'Duplicate key in a YAML mapping',
  OAR013: 'File starts with a UTF-8 byte-order mark',
  OAR014: 'architecture.yaml is empty',
  OAR015: 'architecture.yaml is not a mapping of fields',
  // OAR1xx: the JSON Schema
  OAR101: 'A required field is missing',
  OAR102: 'Unknown field',
  OAR103: 'A field has the wrong type',
  OAR104: 'A value is not in the controlled vocabulary',
  OAR105: 'A value does not have the required format',
  OAR106: 'A text or list is too short or too long',
  OAR107: 'A number is out of range',
  OAR108: 'A list repeats an item',
  OAR109: 'A field is not allowed in this combination',
  OAR199: 'Other schema violation',
  // OAR2xx: rules across files and entries
  OAR201: 'id does not match the folder name',
  OAR202: 'Two entries share an id',
  OAR203: 'forkedFrom names an entry that does not exist',
  OAR204: 'forkedFrom.version is newer than the parent',
  OAR205: 'Lineage has a cycle',
  OAR206: 'related names an entry that does not exist',
  OAR207: 'replacedBy names an entry that does not exist',
  OAR208: 'A referenced file does not exist',
  OAR209: 'A mermaid diagram is empty or declares no known diagram type',
  OAR210: 'README.mdx imports from outside the component library, or exports code',
  OAR211: 'CHANGELOG.md does not start with the current version',
  OAR212: 'A parameter default breaks its own constraints',
  OAR213: 'A smoke test uses an output that is not declared',
  OAR214: 'cost.monthlyUsd.low is greater than high',
  OAR215: 'An entry refers to itself',
  OAR216: 'A diagram file is not listed in architecture.yaml',
  OAR217: 'Two parameters or two outputs share a name',
  OAR218: 'Diagrams were not drawn: no browser to check them with',
  OAR219: 'README.mdx uses raw HTML or a component outside the library',
  OAR220: 'README.mdx has a JavaScript expression',
  OAR221: 'README.mdx links to a javascript:, vbscript: or data: URL',
  // OAR3xx: the CLI and generators
  OAR301: 'No entry with that id',
  OAR302: 'Target folder already exists',
  OAR303: 'Invalid command-line argument',
  OAR304: 'Unknown or invalid --param',
  OAR305: 'The entry has no CDK stack',
  OAR306: 'The CDK stack failed to load or synthesize',
  OAR307: 'The synthesized stack has unresolved findings',
  OAR310: 'Output folder is not empty',
  OAR311: 'Refusing to deploy or destroy without confirmation',
  OAR312: 'Deploy failed',
  OAR313: 'Destroy failed',
  OAR314: 'A smoke test failed',
  OAR315: 'Invalid environment name',
  OAR320: 'No GitHub token',
  OAR321: 'GitHub refused the token or its permissions',
  OAR322: 'Upstream repository not found',
  OAR323: 'GitHub rate limit used up',
  OAR324: 'A branch or repository in the way of the proposal',
  OAR325: 'Uncommitted changes outside the entry',
  OAR326: 'A git or GitHub step failed',
  // OAR9xx: internal
  OAR900: 'Internal error',
} as const;

export type Code = keyof typeof CODES;
