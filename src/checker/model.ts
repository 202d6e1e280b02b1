/**
 * The small static analysis the checker's rules need, over @lezer/python's syntax tree of one
 * pasted file: the functions, methods and lambdas it defines; which of its own functions each call
 * reaches by name; what is handed to Tk (`command=`, `bind`, `after`, `protocol`), to a thread
 * (`Thread(target=…)`, `run_in_executor`, `to_thread`, `submit`) or to a loop thread
 * (`run_coroutine_threadsafe`, `call_soon_threadsafe`, a concurrent future's done-callback); and
 * what kind of object a name holds (a Tk widget or variable, an asyncio or a thread-safe queue, an
 * event loop, a future, a thread). A syntax tree has no scopes or call graph: this builds just
 * enough of both. It cannot see imports from other files, calls made through values it cannot
 * name (a function passed as an argument, `getattr`), or which branch runs.
 */
import type { SyntaxNode, Tree } from '@lezer/common';

/** What kind of object an expression holds, as far as the snippet shows. */
export type Kind =
  | 'tk' // a Tk window, widget, Variable or image: only the Tk thread may call it
  | 'tkholder' // an object of the snippet's own class that holds a Tk object in an attribute
  | 'aqueue' // asyncio.Queue
  | 'queue' // queue.Queue and friends: thread-safe
  | 'loop' // an asyncio event loop
  | 'cfuture' // a concurrent.futures.Future (run_coroutine_threadsafe, executor.submit)
  | 'thread'
  | 'executor'
  | 'taskgroup'
  | 'lock'
  | 'event';

/** A value: its kind, and for a thread or a future the snippet's functions it runs. */
export interface Val {
  kind: Kind;
  fns?: Fn[];
  /** For a thread: the call that created it. */
  site?: Call;
}

/** A Python expression, reduced to what the rules read. */
export type Expr =
  | { k: 'name'; id: string; line: number }
  | { k: 'attr'; obj: Expr; attr: string; line: number }
  | { k: 'sub'; obj: Expr; line: number }
  | { k: 'call'; call: Call; line: number }
  | { k: 'await'; e: Expr; line: number }
  | { k: 'lambda'; fn: Fn; line: number }
  | { k: 'tuple'; items: Expr[]; line: number }
  | { k: 'const'; text: string; line: number }
  | { k: 'other'; parts: Expr[]; line: number };

/** One call in the snippet. */
export interface Call {
  /** The function whose body holds the call (the module for top-level code). */
  in: Fn;
  callee: Expr;
  args: Expr[];
  kw: Map<string, Expr>;
  line: number;
  /** The source text of the call, for messages (cut to one line). */
  text: string;
  awaited: boolean;
  /** The call is a statement of its own: its result is dropped. */
  discarded: boolean;
  /** Inside a `for` or `while` loop of its function. */
  inLoop: boolean;
  /** The call this one is an argument of, if any. */
  parent: Call | null;
}

/** A function, method, lambda, or the module's own top-level code. */
export interface Fn {
  kind: 'module' | 'def' | 'lambda';
  name: string;
  line: number;
  async: boolean;
  params: string[];
  /** Annotated parameter types, as written (`tk.Label`). */
  annotations: Map<string, string>;
  /** Parameters' default values. */
  defaults: Map<string, Expr>;
  /** The function this one is written in (lexical scope); null for the module. */
  parent: Fn | null;
  /** For a method: its class. */
  cls: Cls | null;
  defs: Map<string, Fn>;
  classes: Map<string, Cls>;
  /** Names assigned in this scope, each with every value assigned to it. */
  locals: Map<string, Expr[]>;
  /** Names declared `global` here, with the lines that assign them. */
  globals: Map<string, number[]>;
  calls: Call[];
  /** `x[...] = v` on some object: a widget's configure() when the object is a widget. */
  subAssigns: { obj: Expr; line: number }[];
  /** Names read in this body (a closure captures those of an enclosing function). */
  reads: Set<string>;
  /** The simple statements of this body (inside `if`, `with`, `try` too), each with its calls. */
  statements: { line: number; calls: Call[] }[];
}

/** A class of the snippet. */
export interface Cls {
  name: string;
  line: number;
  bases: Expr[];
  methods: Map<string, Fn>;
  /** `self.x = value` assignments in any method. */
  attrs: Map<string, { value: Expr; in: Fn }[]>;
  scope: Fn;
}

/** The snippet's analysis: its functions, calls, imports, and the lines that do not parse. */
export interface Model {
  module: Fn;
  fns: Fn[];
  calls: Call[];
  /** Local name → qualified module path (`tk` → `tkinter`, `sleep` → `time.sleep`). */
  imports: Map<string, string>;
  /** Modules imported with `from M import *`. */
  starImports: string[];
  /** Lines (1-based) with a syntax error, in order. */
  errorLines: number[];
  /** The line where nesting went too deep to follow, if it did. */
  tooDeepAt: number | null;
}

/** Nesting deeper than this is not followed (the walk is recursive). */
export const MAX_DEPTH = 100;

function newFn(kind: Fn['kind'], name: string, line: number, parent: Fn | null): Fn {
  return {
    kind,
    name,
    line,
    async: false,
    params: [],
    annotations: new Map(),
    defaults: new Map(),
    parent,
    cls: null,
    defs: new Map(),
    classes: new Map(),
    locals: new Map(),
    globals: new Map(),
    calls: [],
    subAssigns: [],
    reads: new Set(),
    statements: [],
  };
}

/**
 * Builds the model of `source` from its lezer tree.
 * @param source the pasted text
 * @param tree @lezer/python's tree of exactly that text
 */
export function buildModel(source: string, tree: Tree): Model {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (pos: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const text = (n: SyntaxNode) => source.slice(n.from, n.to);

  const module = newFn('module', '<module>', 1, null);
  const model: Model = {
    module,
    fns: [module],
    calls: [],
    imports: new Map(),
    starImports: [],
    errorLines: [],
    tooDeepAt: null,
  };

  const errors = new Set<number>();
  tree.iterate({
    enter(n) {
      if (n.type.isError) errors.add(lineOf(n.from));
    },
  });
  model.errorLines = [...errors].sort((a, b) => a - b);

  function children(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }

  let depth = 0;
  function deeper<T>(n: SyntaxNode, fallback: T, work: () => T): T {
    if (depth >= MAX_DEPTH) {
      model.tooDeepAt ??= lineOf(n.from);
      return fallback;
    }
    depth++;
    try {
      return work();
    } finally {
      depth--;
    }
  }

  interface Ctx {
    fn: Fn;
    inLoop: boolean;
    parent: Call | null;
  }

  function expr(n: SyntaxNode, c: Ctx, use: 'value' | 'awaited' | 'discarded' = 'value'): Expr {
    return deeper(n, { k: 'other', parts: [], line: lineOf(n.from) } as Expr, () =>
      exprInner(n, c, use),
    );
  }

  function exprInner(n: SyntaxNode, c: Ctx, use: 'value' | 'awaited' | 'discarded'): Expr {
    const line = lineOf(n.from);
    switch (n.name) {
      case 'VariableName':
        c.fn.reads.add(text(n));
        return { k: 'name', id: text(n), line };
      case 'self':
        c.fn.reads.add('self');
        return { k: 'name', id: 'self', line };
      case 'ParenthesizedExpression': {
        const inner = children(n).filter((x) => x.name !== '(' && x.name !== ')');
        if (inner.length === 1) return expr(inner[0] as SyntaxNode, c, use);
        return { k: 'tuple', items: inner.filter(isExpr).map((x) => expr(x, c)), line };
      }
      case 'MemberExpression': {
        const parts = children(n);
        const obj = expr(parts[0] as SyntaxNode, c);
        const prop = parts.find((x) => x.name === 'PropertyName');
        if (prop && parts[1]?.name === '.') return { k: 'attr', obj, attr: text(prop), line };
        for (const x of parts.slice(1)) if (isExpr(x)) expr(x, c);
        return { k: 'sub', obj, line };
      }
      case 'CallExpression':
        return { k: 'call', call: callOf(n, c, use), line };
      case 'AwaitExpression': {
        const inner = children(n).find(isExpr);
        return { k: 'await', e: inner ? expr(inner, c, 'awaited') : constAt(line), line };
      }
      case 'LambdaExpression':
        return { k: 'lambda', fn: lambdaOf(n, c), line };
      case 'TupleExpression':
      case 'ArrayExpression':
        return {
          k: 'tuple',
          items: children(n)
            .filter(isExpr)
            .map((x) => expr(x, c)),
          line,
        };
      case 'String':
      case 'Number':
      case 'Boolean':
      case 'None':
      case 'Ellipsis':
        return { k: 'const', text: text(n), line };
      default:
        return {
          k: 'other',
          parts: children(n)
            .filter(isExpr)
            .map((x) => expr(x, c)),
          line,
        };
    }
  }

  function constAt(line: number): Expr {
    return { k: 'const', text: '', line };
  }

  /** Leaves that are punctuation or keywords carry no expression. */
  function isExpr(n: SyntaxNode): boolean {
    if (n.type.isError) return false;
    if (n.firstChild) return true;
    return /^(VariableName|self|String|Number|Boolean|None|Ellipsis)$/.test(n.name);
  }

  function callOf(n: SyntaxNode, c: Ctx, use: 'value' | 'awaited' | 'discarded'): Call {
    const parts = children(n);
    const call: Call = {
      in: c.fn,
      callee: constAt(lineOf(n.from)),
      args: [],
      kw: new Map(),
      line: lineOf(n.from),
      text: text(n).split('\n')[0]?.slice(0, 120) ?? '',
      awaited: use === 'awaited',
      discarded: use === 'discarded',
      inLoop: c.inLoop,
      parent: c.parent,
    };
    call.callee = expr(parts[0] as SyntaxNode, c);
    const argList = parts.find((x) => x.name === 'ArgList');
    if (argList) {
      const inner: Ctx = { ...c, parent: call };
      const items = children(argList);
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as SyntaxNode;
        const next = items[i + 1];
        if (item.name === 'VariableName' && next?.name === 'AssignOp') {
          const value = items[i + 2];
          if (value && isExpr(value)) call.kw.set(text(item), expr(value, inner));
          i += 2;
        } else if (item.name === '*' || item.name === '**') {
          const value = items[i + 1];
          if (value && isExpr(value)) expr(value, inner);
          i += 1;
        } else if (isExpr(item)) {
          call.args.push(expr(item, inner));
        }
      }
    }
    c.fn.calls.push(call);
    model.calls.push(call);
    return call;
  }

  function paramsOf(list: SyntaxNode | undefined, fn: Fn, outer: Ctx) {
    if (!list) return;
    const items = children(list);
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as SyntaxNode;
      if (item.name === 'VariableName' || item.name === 'self') {
        fn.params.push(text(item));
        const next = items[i + 1];
        if (next?.name === 'TypeDef') {
          const type = children(next).find(isExpr);
          if (type) fn.annotations.set(text(item), text(type));
          i++;
        }
      } else if (item.name === 'AssignOp') {
        const value = items[i + 1];
        const param = fn.params.at(-1);
        if (value && isExpr(value)) {
          const e = expr(value, outer);
          if (param) fn.defaults.set(param, e);
        }
        i++;
      }
    }
  }

  function lambdaOf(n: SyntaxNode, c: Ctx): Fn {
    const fn = newFn('lambda', 'lambda', lineOf(n.from), c.fn);
    model.fns.push(fn);
    const parts = children(n);
    paramsOf(
      parts.find((x) => x.name === 'ParamList'),
      fn,
      c,
    );
    const body = parts[parts.length - 1];
    if (body && isExpr(body) && body.name !== 'ParamList') {
      const e = expr(body, { fn, inLoop: false, parent: null });
      fn.statements.push({ line: fn.line, calls: e.k === 'call' ? [e.call] : [] });
    }
    return fn;
  }

  function defOf(n: SyntaxNode, c: Ctx, cls: Cls | null): Fn {
    const parts = children(n);
    const name = parts.find((x) => x.name === 'VariableName');
    const fn = newFn('def', name ? text(name) : '?', lineOf(n.from), cls ? cls.scope : c.fn);
    fn.async = parts.some((x) => x.name === 'async');
    fn.cls = cls;
    model.fns.push(fn);
    paramsOf(
      parts.find((x) => x.name === 'ParamList'),
      fn,
      c,
    );
    const body = parts.find((x) => x.name === 'Body');
    if (body) block(body, { fn, inLoop: false, parent: null });
    return fn;
  }

  function classOf(n: SyntaxNode, c: Ctx) {
    const parts = children(n);
    const name = parts.find((x) => x.name === 'VariableName');
    const cls: Cls = {
      name: name ? text(name) : '?',
      line: lineOf(n.from),
      bases: [],
      methods: new Map(),
      attrs: new Map(),
      scope: c.fn,
    };
    c.fn.classes.set(cls.name, cls);
    const bases = parts.find((x) => x.name === 'ArgList');
    if (bases)
      cls.bases = children(bases)
        .filter(isExpr)
        .map((x) => expr(x, c));
    const body = parts.find((x) => x.name === 'Body');
    for (const stmt of body ? children(body) : []) {
      const target = stmt.name === 'DecoratedStatement' ? children(stmt).at(-1) : stmt;
      if (target?.name === 'FunctionDefinition') {
        const fn = defOf(target, c, cls);
        cls.methods.set(fn.name, fn);
      } else if (target && target.name !== ':') statement(target, c);
    }
  }

  function block(body: SyntaxNode, c: Ctx) {
    for (const stmt of children(body)) if (stmt.name !== ':') statement(stmt, c);
  }

  function assignTo(target: SyntaxNode, value: Expr | null, c: Ctx) {
    if (target.name === 'VariableName') {
      const id = text(target);
      const list = c.fn.locals.get(id) ?? [];
      if (value) list.push(value);
      c.fn.locals.set(id, list);
      c.fn.globals.get(id)?.push(lineOf(target.from));
      return;
    }
    if (target.name === 'MemberExpression') {
      const e = expr(target, c);
      if (e.k === 'sub') c.fn.subAssigns.push({ obj: e.obj, line: e.line });
      if (e.k === 'attr' && e.obj.k === 'name' && e.obj.id === c.fn.params[0] && c.fn.cls) {
        const list = c.fn.cls.attrs.get(e.attr) ?? [];
        if (value) list.push({ value, in: c.fn });
        c.fn.cls.attrs.set(e.attr, list);
      }
      return;
    }
    for (const x of children(target)) if (isExpr(x)) assignTo(x, null, c);
  }

  function statement(n: SyntaxNode, c: Ctx) {
    deeper(n, undefined, () => statementInner(n, c));
  }

  function statementInner(n: SyntaxNode, c: Ctx) {
    const before = c.fn.calls.length;
    const line = lineOf(n.from);
    let compound = n.name === 'ForStatement' || n.name === 'WhileStatement';
    switch (n.name) {
      case 'FunctionDefinition': {
        const fn = defOf(n, c, null);
        c.fn.defs.set(fn.name, fn);
        return;
      }
      case 'ClassDefinition':
        classOf(n, c);
        return;
      case 'DecoratedStatement':
        for (const x of children(n)) {
          if (x.name === 'Decorator') {
            for (const d of children(x)) if (isExpr(d)) expr(d, c);
          } else statement(x, c);
        }
        return;
      case 'ImportStatement':
        importOf(n);
        return;
      case 'ScopeStatement': {
        const parts = children(n);
        if (parts[0]?.name === 'global')
          for (const x of parts) if (x.name === 'VariableName') c.fn.globals.set(text(x), []);
        return;
      }
      case 'ExpressionStatement': {
        const inner = children(n).find(isExpr);
        if (inner) expr(inner, c, 'discarded');
        break;
      }
      case 'AssignStatement':
      case 'UpdateStatement': {
        const parts = children(n).filter((x) => x.name !== 'TypeDef');
        const segments: SyntaxNode[][] = [[]];
        for (const x of parts) {
          if (x.name === 'AssignOp' || x.name === 'UpdateOp') segments.push([]);
          else if (isExpr(x)) segments.at(-1)?.push(x);
        }
        const valueNodes = segments.pop() ?? [];
        const values = valueNodes.map((x) => expr(x, c));
        const value: Expr | null =
          values.length === 1
            ? (values[0] as Expr)
            : values.length
              ? { k: 'tuple', items: values, line }
              : null;
        for (const seg of segments) {
          if (seg.length === 1) assignTo(seg[0] as SyntaxNode, value, c);
          else for (const t of seg) assignTo(t, null, c);
        }
        break;
      }
      case 'ForStatement':
      case 'WhileStatement': {
        const loop: Ctx = { ...c, inLoop: true };
        let target = n.name === 'ForStatement';
        for (const x of children(n)) {
          if (x.name === 'in') target = false;
          else if (x.name === 'Body') block(x, loop);
          else if (target && isExpr(x)) assignTo(x, null, c);
          else if (isExpr(x)) expr(x, loop);
        }
        break;
      }
      default: {
        const parts = children(n);
        // A compound statement (if, with, try) is not one step of its body: its own statements are.
        if (parts.some((x) => x.name === 'Body')) compound = true;
        for (let i = 0; i < parts.length; i++) {
          const x = parts[i] as SyntaxNode;
          if (x.name === 'Body') block(x, c);
          else if (x.name === 'as') {
            const t = parts[i + 1];
            if (t) assignTo(t, null, c);
            i++;
          } else if (isExpr(x)) expr(x, c);
        }
      }
    }
    if (!compound) c.fn.statements.push({ line, calls: c.fn.calls.slice(before) });
  }

  function importOf(n: SyntaxNode) {
    const parts = children(n);
    if (parts[0]?.name === 'from') {
      let i = 1;
      let mod = '';
      for (; i < parts.length && parts[i]?.name !== 'import'; i++)
        mod += text(parts[i] as SyntaxNode);
      for (i++; i < parts.length; i++) {
        const x = parts[i] as SyntaxNode;
        if (x.name === '*') model.starImports.push(mod);
        else if (x.name === 'VariableName') {
          let local = text(x);
          if (parts[i + 1]?.name === 'as' && parts[i + 2]) {
            local = text(parts[i + 2] as SyntaxNode);
            i += 2;
          }
          model.imports.set(local, `${mod}.${text(x)}`);
        }
      }
      return;
    }
    for (let i = 1; i < parts.length; i++) {
      let path = '';
      let last = '';
      for (; i < parts.length && parts[i]?.name !== ',' && parts[i]?.name !== 'as'; i++) {
        path += text(parts[i] as SyntaxNode);
        if (parts[i]?.name === 'VariableName') last = text(parts[i] as SyntaxNode);
      }
      if (!path) continue;
      if (parts[i]?.name === 'as' && parts[i + 1]) {
        model.imports.set(text(parts[i + 1] as SyntaxNode), path);
        i += 2;
      } else {
        const head = path.split('.')[0] as string;
        model.imports.set(head, head);
        void last;
      }
    }
  }

  block(tree.topNode, { fn: module, inLoop: false, parent: null });
  return model;
}
