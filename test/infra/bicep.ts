// A small reader for the Bicep that infra/main.bicep is written in, so that tests can check the
// template against the code without the Bicep compiler (npm has none that works offline: the
// `bicep-node` package downloads the compiler at run time).
//
// It reads the statements the template uses (targetScope, param, var, type, resource, output,
// with decorators) into plain structures, and expressions into a syntax tree that `evaluate` can
// compute for the few functions the template calls. Anything else (modules, loops, imports,
// functions) is refused with the line number, so that a template that outgrows this reader makes
// the tests fail instead of passing by accident.

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

type StringPart = { kind: 'text'; value: string } | { kind: 'code'; start: number; end: number };

interface Token {
  kind: 'newline' | 'string' | 'number' | 'identifier' | 'punct' | 'eof';
  text: string;
  start: number;
  end: number;
  /** Strings only: the literal text and the `${…}` holes, in order. */
  parts?: StringPart[];
}

const PUNCTUATION = [
  '??',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '=~',
  '!~',
  '.?',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ',',
  ':',
  '.',
  '?',
  '!',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '@',
];

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

export class BicepSyntaxError extends Error {
  constructor(source: string, offset: number, message: string) {
    const line = source.slice(0, offset).split('\n').length;
    super(`line ${line}: ${message}`);
    this.name = 'BicepSyntaxError';
  }
}

interface Tokens {
  tokens: Token[];
  /** [start, end) of every comment, to leave them out of expression texts. */
  comments: [number, number][];
}

function tokenize(source: string, from = 0, to = source.length): Tokens {
  const tokens: Token[] = [];
  const comments: [number, number][] = [];
  let i = from;
  const fail = (message: string, at = i): never => {
    throw new BicepSyntaxError(source, at, message);
  };

  /** Reads a '…' string starting at `start` (on the quote); returns its end and parts. */
  const readString = (start: number): { end: number; parts: StringPart[] } => {
    if (source.startsWith("'''", start)) {
      const close = source.indexOf("'''", start + 3);
      if (close < 0 || close + 3 > to) fail('unterminated multi-line string', start);
      return { end: close + 3, parts: [{ kind: 'text', value: source.slice(start + 3, close) }] };
    }
    const parts: StringPart[] = [];
    let text = '';
    let j = start + 1;
    for (;;) {
      if (j >= to || source[j] === '\n') fail('unterminated string', start);
      const c = source[j] as string;
      if (c === "'") {
        if (text || parts.length === 0) parts.push({ kind: 'text', value: text });
        return { end: j + 1, parts };
      }
      if (c === '\\') {
        const escaped = ESCAPES[source[j + 1] ?? ''];
        if (escaped === undefined) fail(`unknown escape \\${source[j + 1]}`, j);
        text += escaped;
        j += 2;
        continue;
      }
      if (c === '$' && source[j + 1] === '{') {
        if (text) parts.push({ kind: 'text', value: text });
        text = '';
        const codeStart = j + 2;
        let depth = 1;
        let k = codeStart;
        while (depth > 0) {
          if (k >= to) fail('unterminated ${…} in a string', j);
          const d = source[k];
          if (d === "'") {
            k = readString(k).end;
            continue;
          }
          if (d === '{') depth += 1;
          if (d === '}') depth -= 1;
          k += 1;
        }
        parts.push({ kind: 'code', start: codeStart, end: k - 1 });
        j = k;
        continue;
      }
      text += c;
      j += 1;
    }
  };

  while (i < to) {
    const c = source[i] as string;
    if (c === ' ' || c === '\t' || c === '\r') {
      i += 1;
    } else if (c === '\n') {
      tokens.push({ kind: 'newline', text: '\n', start: i, end: i + 1 });
      i += 1;
    } else if (source.startsWith('//', i)) {
      const start = i;
      while (i < to && source[i] !== '\n') i += 1;
      comments.push([start, i]);
    } else if (source.startsWith('/*', i)) {
      const close = source.indexOf('*/', i + 2);
      if (close < 0) fail('unterminated comment');
      comments.push([i, close + 2]);
      i = close + 2;
    } else if (c === "'") {
      const { end, parts } = readString(i);
      tokens.push({ kind: 'string', text: source.slice(i, end), start: i, end, parts });
      i = end;
    } else if (/[0-9]/.test(c)) {
      let j = i;
      while (j < to && /[0-9]/.test(source[j] as string)) j += 1;
      tokens.push({ kind: 'number', text: source.slice(i, j), start: i, end: j });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < to && /[A-Za-z0-9_]/.test(source[j] as string)) j += 1;
      tokens.push({ kind: 'identifier', text: source.slice(i, j), start: i, end: j });
      i = j;
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (!punct) fail(`unexpected character ${JSON.stringify(c)}`);
      tokens.push({ kind: 'punct', text: punct as string, start: i, end: i + (punct as string).length });
      i += (punct as string).length;
    }
  }
  tokens.push({ kind: 'eof', text: '', start: to, end: to });
  return { tokens, comments };
}

// ---------------------------------------------------------------------------------------------
// Syntax tree
// ---------------------------------------------------------------------------------------------

/** `text` is the expression's source with line breaks and indentation folded to one space. */
export type Expr = { text: string } & (
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; parts: (string | Expr)[] }
  | { kind: 'object'; entries: { key: string | Expr; value: Expr }[] }
  | { kind: 'array'; items: Expr[] }
  | { kind: 'ref'; name: string }
  | { kind: 'member'; object: Expr; property: string }
  | { kind: 'index'; object: Expr; index: Expr }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  | { kind: 'unary'; op: string; operand: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'ternary'; test: Expr; then: Expr; otherwise: Expr }
  /** A type expression (`string`, `person[]`, `string?`), kept as text. */
  | { kind: 'type' }
);

export interface Decorator {
  name: string;
  args: Expr[];
}

export interface ParamDeclaration {
  name: string;
  type: string;
  defaultValue: Expr | undefined;
  decorators: Decorator[];
}

export interface ResourceDeclaration {
  symbol: string;
  type: string;
  apiVersion: string;
  /** The text of `if (…)`, when the resource is conditional. */
  condition: string | undefined;
  existing: boolean;
  body: Expr;
}

export interface OutputDeclaration {
  name: string;
  type: string;
  value: Expr;
  decorators: Decorator[];
}

export interface BicepTemplate {
  source: string;
  targetScope: string | undefined;
  params: Map<string, ParamDeclaration>;
  vars: Map<string, Expr>;
  types: Map<string, Expr>;
  resources: ResourceDeclaration[];
  outputs: Map<string, OutputDeclaration>;
}

// Binding power of the binary operators, loosest first (the ternary is looser than all of them).
const BINARY_PRECEDENCE: Record<string, number> = {
  '??': 1,
  '||': 2,
  '&&': 3,
  '==': 4,
  '!=': 4,
  '=~': 4,
  '!~': 4,
  '<': 5,
  '>': 5,
  '<=': 5,
  '>=': 5,
  '+': 6,
  '-': 6,
  '*': 7,
  '/': 7,
  '%': 7,
};

class Parser {
  private index = 0;

  private readonly tokens: Token[];
  private readonly comments: [number, number][];

  constructor(
    private readonly source: string,
    scanned: Tokens,
  ) {
    this.tokens = scanned.tokens;
    this.comments = scanned.comments;
  }

  // -- statements ------------------------------------------------------------------------------

  parseTemplate(): BicepTemplate {
    const template: BicepTemplate = {
      source: this.source,
      targetScope: undefined,
      params: new Map(),
      vars: new Map(),
      types: new Map(),
      resources: [],
      outputs: new Map(),
    };
    const declare = <T>(map: Map<string, T>, name: string, value: T, at: Token): void => {
      if (map.has(name)) this.fail(`${name} is declared twice`, at);
      map.set(name, value);
    };
    for (;;) {
      this.skipNewlines();
      if (this.peek().kind === 'eof') return template;
      const decorators = this.parseDecorators();
      const keyword = this.expectIdentifier();
      switch (keyword.text) {
        case 'targetScope': {
          this.expectPunct('=');
          const scope = this.parseExpression();
          template.targetScope = scope.kind === 'literal' ? String(scope.value) : scope.text;
          break;
        }
        case 'param': {
          const name = this.expectIdentifier();
          const type = this.parseTypeText(['=']);
          const defaultValue = this.acceptPunct('=') ? this.parseExpression() : undefined;
          declare(template.params, name.text, { name: name.text, type, defaultValue, decorators }, name);
          break;
        }
        case 'var': {
          const name = this.expectIdentifier();
          this.expectPunct('=');
          declare(template.vars, name.text, this.parseExpression(), name);
          break;
        }
        case 'type': {
          const name = this.expectIdentifier();
          this.expectPunct('=');
          declare(template.types, name.text, this.parseTypeExpression(), name);
          break;
        }
        case 'resource': {
          const symbol = this.expectIdentifier();
          const typeToken = this.next();
          const typeText = typeToken.kind === 'string' ? plainString(typeToken) : undefined;
          const match = typeText === undefined ? null : /^([^@]+)@(.+)$/.exec(typeText);
          if (!match) this.fail("expected 'Provider/type@api-version'", typeToken);
          const existing = this.peek().kind === 'identifier' && this.peek().text === 'existing';
          if (existing) this.next();
          this.expectPunct('=');
          let condition: string | undefined;
          if (this.peek().kind === 'identifier' && this.peek().text === 'if') {
            this.next();
            const open = this.expectPunct('(');
            const test = this.parseExpression();
            this.skipNewlines();
            this.expectPunct(')');
            condition = test.text;
            if (!condition) this.fail('empty condition', open);
          }
          if (!this.isPunct('{')) this.fail('expected a resource body { … } (loops are not supported)');
          const body = this.parseExpression();
          if (template.resources.some((r) => r.symbol === symbol.text)) {
            this.fail(`${symbol.text} is declared twice`, symbol);
          }
          template.resources.push({
            symbol: symbol.text,
            type: match?.[1] ?? '',
            apiVersion: match?.[2] ?? '',
            condition,
            existing,
            body,
          });
          break;
        }
        case 'output': {
          const name = this.expectIdentifier();
          const type = this.parseTypeText(['=']);
          this.expectPunct('=');
          const value = this.parseExpression();
          declare(template.outputs, name.text, { name: name.text, type, value, decorators }, name);
          break;
        }
        default:
          this.fail(`'${keyword.text}' statements are not supported by this reader`, keyword);
      }
      const end = this.peek();
      if (end.kind !== 'newline' && end.kind !== 'eof') this.fail('expected the end of the line', end);
    }
  }

  private parseDecorators(): Decorator[] {
    const decorators: Decorator[] = [];
    while (this.acceptPunct('@')) {
      let name = this.expectIdentifier().text;
      while (this.acceptPunct('.')) name = this.expectIdentifier().text;
      this.expectPunct('(');
      const args = this.parseArguments();
      decorators.push({ name, args });
      this.skipNewlines();
    }
    return decorators;
  }

  /** Type text up to one of `stops` (or the end of the line) at bracket depth 0. */
  private parseTypeText(stops: string[]): string {
    const first = this.peek();
    let last: Token | undefined;
    let depth = 0;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eof') break;
      if (
        depth === 0 &&
        (token.kind === 'newline' || (token.kind === 'punct' && stops.includes(token.text)))
      ) {
        break;
      }
      if (token.kind === 'punct' && ['{', '[', '('].includes(token.text)) depth += 1;
      if (token.kind === 'punct' && ['}', ']', ')'].includes(token.text)) depth -= 1;
      last = this.next();
    }
    if (!last) this.fail('expected a type', first);
    return this.textBetween(first, last);
  }

  /** A type: an object type `{ key: type … }` (with decorators on the keys) or a type text. */
  private parseTypeExpression(): Expr {
    const first = this.peek();
    if (!this.isPunct('{')) {
      const text = this.parseTypeText([',', '}', ']', ')']);
      return { kind: 'type', text };
    }
    this.next();
    const entries: { key: string; value: Expr }[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.acceptPunct('}')) break;
      this.parseDecorators();
      const key = this.parseKey();
      this.expectPunct(':');
      entries.push({ key: typeof key === 'string' ? key : key.text, value: this.parseTypeExpression() });
      this.acceptPunct(',');
    }
    return { kind: 'object', entries, text: this.textBetween(first, this.previous()) };
  }

  // -- expressions -----------------------------------------------------------------------------

  parseExpression(): Expr {
    const first = this.peek();
    const test = this.parseBinary(1);
    if (!this.acceptPunct('?')) return test;
    const then = this.parseExpression();
    this.expectPunct(':');
    const otherwise = this.parseExpression();
    return { kind: 'ternary', test, then, otherwise, text: this.textBetween(first, this.previous()) };
  }

  private parseBinary(minPrecedence: number): Expr {
    const first = this.peek();
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      const precedence = token.kind === 'punct' ? BINARY_PRECEDENCE[token.text] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      this.next();
      const right = this.parseBinary(precedence + 1);
      left = {
        kind: 'binary',
        op: token.text,
        left,
        right,
        text: this.textBetween(first, this.previous()),
      };
    }
  }

  private parseUnary(): Expr {
    const token = this.peek();
    if (token.kind === 'punct' && (token.text === '!' || token.text === '-')) {
      this.next();
      const operand = this.parseUnary();
      if (token.text === '-' && operand.kind === 'literal' && typeof operand.value === 'number') {
        return { kind: 'literal', value: -operand.value, text: this.textBetween(token, this.previous()) };
      }
      return { kind: 'unary', op: token.text, operand, text: this.textBetween(token, this.previous()) };
    }
    return this.parsePostfix(token, this.parsePrimary());
  }

  private parsePostfix(first: Token, start: Expr): Expr {
    let expr = start;
    for (;;) {
      if (this.acceptPunct('.') || this.acceptPunct('.?')) {
        const property = this.expectIdentifier().text;
        expr = { kind: 'member', object: expr, property, text: this.textBetween(first, this.previous()) };
      } else if (this.isPunct('[')) {
        this.next();
        this.skipNewlines();
        const index = this.parseExpression();
        this.skipNewlines();
        this.expectPunct(']');
        expr = { kind: 'index', object: expr, index, text: this.textBetween(first, this.previous()) };
      } else if (this.isPunct('(') && (expr.kind === 'ref' || expr.kind === 'member')) {
        this.next();
        const args = this.parseArguments();
        expr = { kind: 'call', callee: expr, args, text: this.textBetween(first, this.previous()) };
      } else {
        return expr;
      }
    }
  }

  private parsePrimary(): Expr {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', value: Number(token.text), text: token.text };
      case 'string':
        return this.stringExpression(token);
      case 'identifier':
        if (token.text === 'true' || token.text === 'false') {
          return { kind: 'literal', value: token.text === 'true', text: token.text };
        }
        if (token.text === 'null') return { kind: 'literal', value: null, text: token.text };
        if (token.text === 'for') this.fail('loops are not supported by this reader', token);
        return { kind: 'ref', name: token.text, text: token.text };
      case 'punct':
        if (token.text === '(') {
          this.skipNewlines();
          const inner = this.parseExpression();
          this.skipNewlines();
          this.expectPunct(')');
          return { ...inner, text: this.textBetween(token, this.previous()) };
        }
        if (token.text === '{') return this.parseObjectBody(token);
        if (token.text === '[') return this.parseArrayBody(token);
        break;
      default:
        break;
    }
    return this.fail(`expected a value, found ${JSON.stringify(token.text)}`, token);
  }

  private parseObjectBody(open: Token): Expr {
    const entries: { key: string | Expr; value: Expr }[] = [];
    const seen = new Set<string>();
    for (;;) {
      this.skipNewlines();
      if (this.acceptPunct('}')) break;
      const keyToken = this.peek();
      const key = this.parseKey();
      const keyText = typeof key === 'string' ? key : key.text;
      if (seen.has(keyText)) this.fail(`property ${keyText} appears twice`, keyToken);
      seen.add(keyText);
      this.expectPunct(':');
      entries.push({ key, value: this.parseExpression() });
      if (!this.acceptPunct(',') && this.peek().kind !== 'newline' && !this.isPunct('}')) {
        this.fail('expected a line break, a comma or } after a property');
      }
    }
    return { kind: 'object', entries, text: this.textBetween(open, this.previous()) };
  }

  private parseArrayBody(open: Token): Expr {
    const items: Expr[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.acceptPunct(']')) break;
      items.push(this.parseExpression());
      if (!this.acceptPunct(',') && this.peek().kind !== 'newline' && !this.isPunct(']')) {
        this.fail('expected a line break, a comma or ] after an item');
      }
    }
    return { kind: 'array', items, text: this.textBetween(open, this.previous()) };
  }

  /** An object key: an identifier, a plain string, or a string with `${…}` (an expression). */
  private parseKey(): string | Expr {
    const token = this.next();
    if (token.kind === 'identifier') return token.text;
    if (token.kind === 'string') {
      const plain = plainString(token);
      return plain ?? this.stringExpression(token);
    }
    return this.fail(`expected a property name, found ${JSON.stringify(token.text)}`, token);
  }

  private parseArguments(): Expr[] {
    const args: Expr[] = [];
    this.skipNewlines();
    if (this.acceptPunct(')')) return args;
    for (;;) {
      args.push(this.parseExpression());
      this.skipNewlines();
      if (this.acceptPunct(')')) return args;
      this.expectPunct(',');
      this.skipNewlines();
    }
  }

  private stringExpression(token: Token): Expr {
    const plain = plainString(token);
    if (plain !== undefined) return { kind: 'literal', value: plain, text: token.text };
    const parts = (token.parts ?? []).map((part) => {
      if (part.kind === 'text') return part.value;
      const inner = new Parser(this.source, tokenize(this.source, part.start, part.end));
      const expr = inner.parseExpression();
      inner.skipNewlines();
      if (inner.peek().kind !== 'eof') inner.fail('unexpected text inside ${…}');
      return expr;
    });
    return { kind: 'template', parts, text: token.text };
  }

  // -- token helpers ---------------------------------------------------------------------------

  /** The source from `first` to `last`, without comments, line breaks folded to one space. */
  private textBetween(first: Token, last: Token): string {
    let text = '';
    let from = first.start;
    for (const [start, end] of this.comments) {
      if (start < from || end > last.end) continue;
      text += this.source.slice(from, start);
      from = end;
    }
    text += this.source.slice(from, last.end);
    return text.replace(/\s*\n\s*/g, ' ').trim();
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private previous(): Token {
    return this.tokens[this.index - 1] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index += 1;
    return token;
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === text;
  }

  private acceptPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.next();
    return true;
  }

  private expectPunct(text: string): Token {
    if (!this.isPunct(text)) this.fail(`expected ${text}, found ${JSON.stringify(this.peek().text)}`);
    return this.next();
  }

  private expectIdentifier(): Token {
    const token = this.peek();
    if (token.kind !== 'identifier') this.fail(`expected a name, found ${JSON.stringify(token.text)}`);
    return this.next();
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }

  private fail(message: string, at: Token = this.peek()): never {
    throw new BicepSyntaxError(this.source, at.start, message);
  }
}

function plainString(token: Token): string | undefined {
  const parts = token.parts ?? [];
  if (parts.length === 1 && parts[0]?.kind === 'text') return parts[0].value;
  return undefined;
}

/** Read a Bicep file. Throws BicepSyntaxError (with the line) on text this reader cannot read. */
export function parseBicep(source: string): BicepTemplate {
  return new Parser(source, tokenize(source)).parseTemplate();
}

// ---------------------------------------------------------------------------------------------
// Navigation and evaluation
// ---------------------------------------------------------------------------------------------

/** The value of `key` in an object expression, or undefined. */
export function property(expr: Expr | undefined, key: string): Expr | undefined {
  if (!expr || expr.kind !== 'object') return undefined;
  return expr.entries.find((entry) => (typeof entry.key === 'string' ? entry.key : entry.key.text) === key)
    ?.value;
}

/** Follow a dotted path of object keys: `at(body, 'properties.siteConfig.healthCheckPath')`. */
export function at(expr: Expr | undefined, path: string): Expr | undefined {
  return path.split('.').reduce<Expr | undefined>((current, key) => property(current, key), expr);
}

/** A literal-only expression (strings, numbers, booleans, null, arrays, objects) as plain JSON. */
export function literalValue(expr: Expr): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'array':
      return expr.items.map(literalValue);
    case 'object':
      return Object.fromEntries(
        expr.entries.map((entry) => {
          if (typeof entry.key !== 'string') throw new Error(`not a literal key: ${entry.key.text}`);
          return [entry.key, literalValue(entry.value)];
        }),
      );
    default:
      throw new Error(`not a literal: ${expr.text}`);
  }
}

export interface Scope {
  template: BicepTemplate;
  /** Parameter values; a parameter that is missing here takes its default. */
  parameters: Record<string, unknown>;
  /**
   * Values that only exist in Azure, by expression text: `identity.properties.clientId`,
   * `tenant().tenantId`, … An expression that is neither here nor computable is an error.
   */
  runtime: Record<string, unknown>;
}

const FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  // ARM's string() writes objects and arrays as JSON and leaves strings as they are.
  string: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  join: (items, separator) => (items as unknown[]).map(String).join(String(separator)),
  toLower: (value) => String(value).toLowerCase(),
  toUpper: (value) => String(value).toUpperCase(),
  empty: (value) =>
    value === null ||
    value === undefined ||
    (typeof value === 'string' || Array.isArray(value) ? value.length === 0 : false) ||
    (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0),
  union: (...objects) => Object.assign({}, ...(objects as object[])) as unknown,
  concat: (...arrays) => (arrays as unknown[][]).flat(),
};

/** Compute an expression the way ARM would, for the functions this template uses. */
export function evaluate(expr: Expr, scope: Scope, seen: string[] = []): unknown {
  if (Object.prototype.hasOwnProperty.call(scope.runtime, expr.text)) return scope.runtime[expr.text];
  const recurse = (inner: Expr): unknown => evaluate(inner, scope, seen);
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'template':
      return expr.parts.map((part) => (typeof part === 'string' ? part : String(recurse(part)))).join('');
    case 'array':
      return expr.items.map(recurse);
    case 'object':
      return Object.fromEntries(
        expr.entries.map((entry) => [
          typeof entry.key === 'string' ? entry.key : String(recurse(entry.key)),
          recurse(entry.value),
        ]),
      );
    case 'ref': {
      if (seen.includes(expr.name)) throw new Error(`${expr.name} refers to itself`);
      const parameter = scope.template.params.get(expr.name);
      if (parameter) {
        if (Object.prototype.hasOwnProperty.call(scope.parameters, expr.name)) {
          return scope.parameters[expr.name];
        }
        if (!parameter.defaultValue) throw new Error(`parameter ${expr.name} has no value and no default`);
        return evaluate(parameter.defaultValue, scope, [...seen, expr.name]);
      }
      const variable = scope.template.vars.get(expr.name);
      if (variable) return evaluate(variable, scope, [...seen, expr.name]);
      throw new Error(`cannot evaluate ${expr.name} here (a resource or an unknown name)`);
    }
    case 'member': {
      const object = recurse(expr.object);
      if (object === null || typeof object !== 'object') throw new Error(`cannot evaluate ${expr.text}`);
      return (object as Record<string, unknown>)[expr.property];
    }
    case 'index': {
      const object = recurse(expr.object) as Record<string, unknown>;
      return object[String(recurse(expr.index))];
    }
    case 'call': {
      const name = expr.callee.kind === 'ref' ? expr.callee.name : undefined;
      const fn = name ? FUNCTIONS[name] : undefined;
      if (!fn) throw new Error(`cannot evaluate ${expr.text} (unknown function or a runtime value)`);
      return fn(...expr.args.map(recurse));
    }
    case 'unary': {
      const operand = recurse(expr.operand);
      return expr.op === '!' ? !operand : -(operand as number);
    }
    case 'binary': {
      const left = recurse(expr.left);
      const right = (): unknown => recurse(expr.right);
      switch (expr.op) {
        case '==':
          return JSON.stringify(left) === JSON.stringify(right());
        case '!=':
          return JSON.stringify(left) !== JSON.stringify(right());
        case '&&':
          return Boolean(left) && Boolean(right());
        case '||':
          return Boolean(left) || Boolean(right());
        case '??':
          return left ?? right();
        default:
          throw new Error(`cannot evaluate the operator ${expr.op} in ${expr.text}`);
      }
    }
    case 'ternary':
      return recurse(expr.test) ? recurse(expr.then) : recurse(expr.otherwise);
    case 'type':
      throw new Error(`a type is not a value: ${expr.text}`);
  }
}
