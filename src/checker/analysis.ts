/**
 * What the rules ask of the model: which of the snippet's functions a name or a call reaches, what
 * kind of object an expression holds, and on which thread each function runs (a Tk callback on the
 * Tk thread, a thread target or executor function on a worker thread, a coroutine submitted to a
 * loop thread), each with the line that says so.
 */
import type { Call, Cls, Expr, Fn, Kind, Model, Val } from './model';

/** Where a function runs, as far as the snippet says. */
export type Where = 'tk' | 'thread' | 'loop';

/** Why a function runs there: the line that hands it over, and how. */
export interface Reason {
  line: number;
  how: string;
  /** For the Tk thread: how Tk calls it (a close handler is allowed to wait for threads). */
  seed?: 'command' | 'bind' | 'after' | 'protocol' | 'trace';
  /** The function it was reached from by a call, if it was not handed over itself. */
  from?: Fn;
}

const TK_CLASSES = new Set(
  'Tk Toplevel Frame Label Button Entry Text Canvas Listbox Scrollbar Scale Spinbox Checkbutton Radiobutton Menu Menubutton Message LabelFrame PanedWindow OptionMenu StringVar IntVar DoubleVar BooleanVar Variable PhotoImage BitmapImage Progressbar Treeview Notebook Combobox Separator Sizegrip LabeledScale Labelframe Panedwindow Style'.split(
    ' ',
  ),
);
const TK_MODULES = new Set(['tkinter', 'tkinter.ttk', 'Tkinter', 'ttk', 'customtkinter']);

const KINDS: Record<string, Kind> = {
  'asyncio.Queue': 'aqueue',
  'asyncio.LifoQueue': 'aqueue',
  'asyncio.PriorityQueue': 'aqueue',
  'asyncio.queues.Queue': 'aqueue',
  'queue.Queue': 'queue',
  'queue.SimpleQueue': 'queue',
  'queue.LifoQueue': 'queue',
  'queue.PriorityQueue': 'queue',
  'multiprocessing.Queue': 'queue',
  'asyncio.new_event_loop': 'loop',
  'asyncio.get_event_loop': 'loop',
  'asyncio.get_running_loop': 'loop',
  'asyncio.SelectorEventLoop': 'loop',
  'asyncio.ProactorEventLoop': 'loop',
  'threading.Thread': 'thread',
  'threading.Timer': 'thread',
  'concurrent.futures.ThreadPoolExecutor': 'executor',
  'concurrent.futures.ProcessPoolExecutor': 'executor',
  'asyncio.TaskGroup': 'taskgroup',
  'threading.Lock': 'lock',
  'threading.RLock': 'lock',
  'threading.Semaphore': 'lock',
  'threading.BoundedSemaphore': 'lock',
  'threading.Event': 'event',
  'threading.Condition': 'event',
  'threading.Barrier': 'event',
};

/** The analysis of one snippet: values, reach and threads, computed on demand and kept. */
export class Analysis {
  readonly where = new Map<Fn, Map<Where, Reason>>();
  /** Coroutines run by an `asyncio.run()` of their own inside a worker thread: a loop per call. */
  readonly perThreadLoop = new Map<Fn, Call>();
  private readonly valueMemo = new Map<Expr, Val[]>();
  private readonly busy = new Set<Expr>();
  private readonly bindings = new Map<Fn, { param: string; value: Expr; in: Fn }[]>();
  private readonly classKind = new Map<Cls, Kind | null>();

  constructor(readonly model: Model) {
    for (const call of model.calls) this.bind(call);
    this.seed();
    this.spread();
  }

  // ---- names --------------------------------------------------------------------------------

  /** The dotted name an expression spells, through the snippet's imports (`tk.Label` → `tkinter.Label`). */
  qualify(e: Expr): string | null {
    if (e.k === 'name') {
      const imported = this.model.imports.get(e.id);
      if (imported) return imported;
      if (this.isLocal(e.id)) return null;
      for (const mod of this.model.starImports)
        if (TK_MODULES.has(mod) && TK_CLASSES.has(e.id)) return `${mod}.${e.id}`;
      return e.id;
    }
    if (e.k === 'attr') {
      const obj = this.qualify(e.obj);
      return obj === null ? null : `${obj}.${e.attr}`;
    }
    return null;
  }

  private isLocal(id: string): boolean {
    return this.model.fns.some((f) => f.defs.has(id) || f.classes.has(id));
  }

  /** The method name of `x.m(...)`, or null for a plain call. */
  static method(call: Call): string | null {
    return call.callee.k === 'attr' ? call.callee.attr : null;
  }

  /** The receiver of `x.m(...)`. */
  static receiver(call: Call): Expr | null {
    return call.callee.k === 'attr' ? call.callee.obj : null;
  }

  /**
   * The keyword arguments a `kwargs=` value spells out: `dict(label=label)` or
   * `{"label": label}` (a dict display is kept as its keys and values in turn); empty when the
   * snippet builds it some other way.
   */
  static keywords(e: Expr): Map<string, Expr> {
    if (e.k === 'call' && e.call.callee.k === 'name' && e.call.callee.id === 'dict')
      return new Map(e.call.kw);
    const out = new Map<string, Expr>();
    if (e.k !== 'other' || e.parts.length % 2 !== 0) return out;
    for (let i = 0; i < e.parts.length; i += 2) {
      const key = e.parts[i] as Expr;
      const m = key.k === 'const' ? /^(['"])(\w+)\1$/.exec(key.text) : null;
      if (!m) return new Map();
      out.set(m[2] as string, e.parts[i + 1] as Expr);
    }
    return out;
  }

  /** The scope a name is bound in, seen from `fn`, and what it is bound to there. */
  private lookup(
    id: string,
    fn: Fn,
  ): { def?: Fn; cls?: Cls; scope?: Fn; param?: boolean; exprs?: Expr[] } | null {
    for (let f: Fn | null = fn; f; f = f.parent) {
      if (f !== this.model.module && f.globals.has(id)) return this.lookup(id, this.model.module);
      const def = f.defs.get(id);
      if (def) return { def };
      const cls = f.classes.get(id);
      if (cls) return { cls };
      if (f.params.includes(id)) return { scope: f, param: true };
      const exprs = f.locals.get(id);
      if (exprs) return { scope: f, exprs };
    }
    return null;
  }

  private methodOf(cls: Cls, name: string, seen = new Set<Cls>()): Fn | null {
    if (seen.has(cls)) return null;
    seen.add(cls);
    const own = cls.methods.get(name);
    if (own) return own;
    for (const base of cls.bases) {
      const b = base.k === 'name' ? this.lookup(base.id, cls.scope)?.cls : undefined;
      const found = b ? this.methodOf(b, name, seen) : null;
      if (found) return found;
    }
    return null;
  }

  /** The class whose method `fn` is, when `e` is that method's `self`. */
  private selfClass(e: Expr, fn: Fn): Cls | null {
    if (e.k !== 'name') return null;
    for (let f: Fn | null = fn; f; f = f.parent)
      if (f.cls && f.params[0] === e.id) return f.cls;
      else if (f.params.includes(e.id) || f.locals.has(e.id)) return null;
    return null;
  }

  /** The snippet's functions an expression names (a def, a method through `self`, a lambda). */
  refs(e: Expr, fn: Fn): Fn[] {
    if (e.k === 'lambda') return [e.fn];
    if (e.k === 'name') {
      const found = this.lookup(e.id, fn);
      if (found?.def) return [found.def];
      if (found?.cls) {
        const init = this.methodOf(found.cls, '__init__');
        return init ? [init] : [];
      }
      return [];
    }
    if (e.k === 'attr') {
      const cls = this.selfClass(e.obj, fn);
      const m = cls ? this.methodOf(cls, e.attr) : null;
      return m ? [m] : [];
    }
    return [];
  }

  /** Whether a call's function is one of the snippet's methods (its first parameter is self). */
  private boundOffset(target: Fn, callee: Expr, fn: Fn): number {
    if (!target.cls) return 0;
    if (callee.k === 'name' && this.lookup(callee.id, fn)?.cls) return 1; // App(root) → __init__(self, root)
    return callee.k === 'attr' ? 1 : 0;
  }

  // ---- arguments to parameters --------------------------------------------------------------

  private addBinding(target: Fn, offset: number, args: Expr[], kw: Map<string, Expr>, at: Fn) {
    const list = this.bindings.get(target) ?? [];
    args.forEach((value, i) => {
      const param = target.params[i + offset];
      if (param) list.push({ param, value, in: at });
    });
    for (const [param, value] of kw)
      if (target.params.includes(param)) list.push({ param, value, in: at });
    this.bindings.set(target, list);
  }

  private bind(call: Call) {
    const fn = call.in;
    for (const target of this.refs(call.callee, fn))
      this.addBinding(target, this.boundOffset(target, call.callee, fn), call.args, call.kw, fn);
    const handed = this.handedOff(call);
    if (handed)
      for (const target of this.refs(handed.fn, fn))
        this.addBinding(
          target,
          this.boundOffset(target, handed.fn, fn),
          handed.args,
          handed.kw ?? new Map(),
          fn,
        );
  }

  /**
   * A function handed to something that calls it later, with its arguments: a thread target, an
   * executor, `after`, `call_soon_threadsafe`, `to_thread`.
   */
  handedOff(call: Call): { fn: Expr; args: Expr[]; kw?: Map<string, Expr>; to: string } | null {
    const q = this.qualify(call.callee) ?? '';
    const m = Analysis.method(call);
    if (q === 'threading.Thread' || q === 'threading.Timer') {
      // Thread(group, target, name, args, kwargs) and Timer(interval, function, args, kwargs): the
      // positional forms name the same parameters as the keywords.
      const timer = q === 'threading.Timer';
      const target = call.kw.get(timer ? 'function' : 'target') ?? call.args[1];
      const args = call.kw.get('args') ?? call.args[timer ? 2 : 3];
      const kwargs = call.kw.get('kwargs') ?? call.args[timer ? 3 : 4];
      if (!target) return null;
      return {
        fn: target,
        args: args?.k === 'tuple' ? args.items : [],
        kw: kwargs ? Analysis.keywords(kwargs) : new Map(),
        to: 'thread',
      };
    }
    if (q === 'asyncio.to_thread' && call.args[0])
      return { fn: call.args[0], args: call.args.slice(1), to: 'thread' };
    if (m === 'run_in_executor' && call.args[1])
      return { fn: call.args[1], args: call.args.slice(2), to: 'thread' };
    if (m === 'submit' && call.args[0])
      return { fn: call.args[0], args: call.args.slice(1), to: 'thread' };
    if ((m === 'call_soon_threadsafe' || m === 'call_soon') && call.args[0])
      return { fn: call.args[0], args: call.args.slice(1), to: 'loop' };
    if (m === 'after' && call.args[1])
      return { fn: call.args[1], args: call.args.slice(2), to: 'tk' };
    if (m === 'after_idle' && call.args[0])
      return { fn: call.args[0], args: call.args.slice(1), to: 'tk' };
    return null;
  }

  // ---- values -------------------------------------------------------------------------------

  /** What kinds of object `e`, read in `fn`, may hold. */
  values(e: Expr, fn: Fn): Val[] {
    const memo = this.valueMemo.get(e);
    if (memo) return memo;
    if (this.busy.has(e)) return [];
    this.busy.add(e);
    const out = this.valuesInner(e, fn);
    this.busy.delete(e);
    this.valueMemo.set(e, out);
    return out;
  }

  has(e: Expr, fn: Fn, kind: Kind): boolean {
    return this.values(e, fn).some((v) => v.kind === kind);
  }

  /** Whether `e` holds a Tk object (a widget, a Variable, an image, the window). */
  isTk(e: Expr, fn: Fn): boolean {
    return this.has(e, fn, 'tk');
  }

  private valuesInner(e: Expr, fn: Fn): Val[] {
    switch (e.k) {
      case 'call':
        return this.callValues(e.call);
      case 'name': {
        const cls = this.selfClass(e, fn);
        if (cls) {
          const kind = this.kindOfClass(cls);
          return kind ? [{ kind }] : [];
        }
        const found = this.lookup(e.id, fn);
        if (!found?.scope) return [];
        const scope = found.scope;
        if (found.param) {
          const out: Val[] = [];
          const ann = scope.annotations.get(e.id);
          if (ann) {
            const kind = this.kindOfName(this.qualifyText(ann));
            if (kind) out.push({ kind });
          }
          for (const b of this.bindings.get(scope) ?? [])
            if (b.param === e.id) out.push(...this.values(b.value, b.in));
          return out;
        }
        return (found.exprs ?? []).flatMap((x) => this.values(x, scope));
      }
      case 'attr': {
        const cls = this.selfClass(e.obj, fn);
        if (cls) return this.attrValues(cls, e.attr);
        // `self.root.tk`, `label.master`: a Tk object's attribute is Tk's too.
        if (this.isTk(e.obj, fn) && /^(master|tk|children)$/.test(e.attr)) return [{ kind: 'tk' }];
        return [];
      }
      case 'await':
        return [];
      default:
        return [];
    }
  }

  private attrValues(cls: Cls, attr: string, seen = new Set<Cls>()): Val[] {
    if (seen.has(cls)) return [];
    seen.add(cls);
    const own = (cls.attrs.get(attr) ?? []).flatMap((a) => this.values(a.value, a.in));
    if (own.length) return own;
    for (const base of cls.bases) {
      const b = base.k === 'name' ? this.lookup(base.id, cls.scope)?.cls : undefined;
      if (b) return this.attrValues(b, attr, seen);
    }
    return [];
  }

  private qualifyText(dotted: string): string {
    const [head, ...rest] = dotted.replace(/^["']|["']$/g, '').split('.');
    const imported = this.model.imports.get(head ?? '');
    return [imported ?? head, ...rest].join('.');
  }

  private kindOfName(q: string | null): Kind | null {
    if (!q) return null;
    if (KINDS[q]) return KINDS[q];
    const dot = q.lastIndexOf('.');
    const mod = q.slice(0, dot);
    const name = q.slice(dot + 1);
    if (TK_MODULES.has(mod) && TK_CLASSES.has(name)) return 'tk';
    if (mod === '' && TK_CLASSES.has(name) && name !== 'Variable' && name !== 'Style') {
      // A bare `Label(...)`: Tk's when the snippet imports tkinter in any form.
      if (
        [...this.model.imports.values()].some(
          (m) => TK_MODULES.has(m.split('.').slice(0, -1).join('.')) || TK_MODULES.has(m),
        )
      )
        return 'tk';
    }
    if (name === 'AbstractEventLoop' || name === 'BaseEventLoop') return 'loop';
    if (name === 'Future' && mod.startsWith('concurrent')) return 'cfuture';
    return null;
  }

  /** A class of the snippet: a Tk window or widget itself, or an object holding one. */
  kindOfClass(cls: Cls): Kind | null {
    if (this.classKind.has(cls)) return this.classKind.get(cls) ?? null;
    this.classKind.set(cls, null);
    let kind: Kind | null = null;
    for (const base of cls.bases) {
      const b = base.k === 'name' ? this.lookup(base.id, cls.scope)?.cls : undefined;
      if (b ? this.kindOfClass(b) === 'tk' : this.kindOfName(this.qualify(base)) === 'tk')
        kind = 'tk';
    }
    if (!kind) {
      for (const [attr] of cls.attrs)
        if (this.attrValues(cls, attr).some((v) => v.kind === 'tk' || v.kind === 'tkholder')) {
          kind = 'tkholder';
          break;
        }
    }
    this.classKind.set(cls, kind);
    return kind;
  }

  private callValues(call: Call): Val[] {
    const q = this.qualify(call.callee);
    const m = Analysis.method(call);
    const kind = this.kindOfName(q);
    if (kind === 'thread') {
      const handed = this.handedOff(call);
      return [{ kind, fns: handed ? this.refs(handed.fn, call.in) : [], site: call }];
    }
    if (kind) return [{ kind }];
    if (q === 'asyncio.run_coroutine_threadsafe' && call.args[0])
      return [{ kind: 'cfuture', fns: this.coroutines(call.args[0], call.in) }];
    if (m === 'submit') {
      const recv = Analysis.receiver(call);
      if (recv && this.has(recv, call.in, 'executor'))
        return [{ kind: 'cfuture', fns: call.args[0] ? this.refs(call.args[0], call.in) : [] }];
    }
    if (call.callee.k === 'name') {
      const cls = this.lookup(call.callee.id, call.in)?.cls;
      if (cls) {
        const k = this.kindOfClass(cls);
        return k ? [{ kind: k }] : [];
      }
    }
    return [];
  }

  /** The snippet's coroutine functions an expression like `job(x)` calls. */
  coroutines(e: Expr, fn: Fn): Fn[] {
    if (e.k !== 'call') return [];
    return this.refs(e.call.callee, fn);
  }

  // ---- where each function runs -------------------------------------------------------------

  private mark(fn: Fn, where: Where, reason: Reason): boolean {
    const map = this.where.get(fn) ?? new Map<Where, Reason>();
    if (map.has(where)) return false;
    map.set(where, reason);
    this.where.set(fn, map);
    return true;
  }

  /** Whether the snippet runs an event loop in a thread of its own (so its callbacks run there). */
  get hasLoopThread(): boolean {
    return this.loopThreads().length > 0;
  }

  /** Threads that run an event loop: `Thread(target=loop.run_forever)` or a target that calls it. */
  loopThreads(): Call[] {
    return this.model.calls.filter((call) => {
      const q = this.qualify(call.callee);
      if (q !== 'threading.Thread') return false;
      const handed = this.handedOff(call);
      if (!handed) return false;
      if (handed.fn.k === 'attr' && handed.fn.attr === 'run_forever') return true;
      return this.refs(handed.fn, call.in).some((f) =>
        this.reach(f).some((g) => g.calls.some((c) => Analysis.method(c) === 'run_forever')),
      );
    });
  }

  private seed() {
    const loopThread = this.hasLoopThread;
    for (const call of this.model.calls) {
      const fn = call.in;
      const m = Analysis.method(call);
      const q = this.qualify(call.callee);
      const hand = (e: Expr | undefined, where: Where, reason: Reason) => {
        if (e) for (const f of this.refs(e, fn)) this.mark(f, where, reason);
      };
      const command = call.kw.get('command');
      if (command)
        hand(command, 'tk', { line: call.line, how: 'a widget’s command', seed: 'command' });
      if (m && /^(bind|bind_all|bind_class|tag_bind)$/.test(m))
        hand(call.args.at(-1), 'tk', { line: call.line, how: `a ${m}() callback`, seed: 'bind' });
      if (m === 'protocol')
        hand(call.args[1], 'tk', {
          line: call.line,
          how: 'the window’s close handler',
          seed: 'protocol',
        });
      if (m && /^(trace_add|trace|trace_variable)$/.test(m))
        hand(call.args[1], 'tk', { line: call.line, how: 'a variable trace', seed: 'trace' });
      const handed = this.handedOff(call);
      if (handed?.to === 'tk')
        hand(handed.fn, 'tk', {
          line: call.line,
          how: `an ${m ?? 'after'}() callback`,
          seed: 'after',
        });
      if (handed?.to === 'thread') {
        const how =
          q === 'threading.Thread' || q === 'threading.Timer'
            ? 'a thread’s target'
            : m === 'run_in_executor' || m === 'submit'
              ? 'an executor’s function'
              : 'a function run by asyncio.to_thread()';
        hand(handed.fn, 'thread', { line: call.line, how });
        // Thread(target=asyncio.run, args=(job(),)): the coroutine runs on a loop of that thread.
        if (this.qualify(handed.fn) === 'asyncio.run' && handed.args[0])
          for (const c of this.coroutines(handed.args[0], fn)) {
            this.mark(c, 'thread', { line: call.line, how: 'asyncio.run() in a thread' });
            this.perThreadLoop.set(c, call);
          }
      }
      if (handed?.to === 'loop' && loopThread) {
        hand(handed.fn, 'loop', { line: call.line, how: 'call_soon_threadsafe()' });
        // call_soon_threadsafe(loop.create_task, job()): job runs on the loop thread.
        if (handed.fn.k === 'attr' && handed.fn.attr === 'create_task' && handed.args[0])
          for (const c of this.coroutines(handed.args[0], fn))
            this.mark(c, 'loop', { line: call.line, how: 'a task made by call_soon_threadsafe()' });
      }
      if (q === 'asyncio.run_coroutine_threadsafe' && call.args[0])
        for (const c of this.coroutines(call.args[0], fn))
          this.mark(c, 'loop', { line: call.line, how: 'run_coroutine_threadsafe()' });
      if (m === 'add_done_callback') {
        const recv = Analysis.receiver(call);
        if (recv && loopThread && this.values(recv, fn).some((v) => v.kind === 'cfuture'))
          hand(call.args[0], 'loop', { line: call.line, how: 'a future’s done-callback' });
      }
    }
  }

  /** Calls that hand a coroutine or function elsewhere instead of running it here. */
  private handsOff(call: Call): boolean {
    const p = call.parent;
    if (!p) return false;
    const q = this.qualify(p.callee);
    if (q === 'asyncio.run_coroutine_threadsafe')
      return p.args[0]?.k === 'call' && p.args[0].call === call;
    if (q === 'threading.Thread') return true;
    const handed = this.handedOff(p);
    return (
      !!handed && handed.to !== 'tk' && handed.args.some((a) => a.k === 'call' && a.call === call)
    );
  }

  private spread() {
    const queue = [...this.where.keys()];
    for (let i = 0; i < queue.length && i < 10_000; i++) {
      const fn = queue[i] as Fn;
      const here = this.where.get(fn);
      if (!here) continue;
      for (const call of fn.calls) {
        if (this.handsOff(call)) continue;
        const targets = this.refs(call.callee, fn);
        const runsLoop =
          this.qualify(call.callee) === 'asyncio.run' ||
          Analysis.method(call) === 'run_until_complete';
        for (const target of targets) {
          let changed = false;
          for (const [where] of here)
            changed =
              this.mark(target, where, { line: call.line, how: 'called', from: fn }) || changed;
          if (this.perThreadLoop.has(fn) && !this.perThreadLoop.has(target)) {
            this.perThreadLoop.set(target, this.perThreadLoop.get(fn) as Call);
            changed = true;
          }
          if (changed) queue.push(target);
        }
        if (runsLoop && here.has('thread') && call.args[0])
          for (const c of this.coroutines(call.args[0], fn))
            if (!this.perThreadLoop.has(c)) {
              this.perThreadLoop.set(c, call);
              queue.push(c);
            }
      }
    }
  }

  /** `fn` and every function of the snippet its calls reach (not what it hands to others). */
  reach(fn: Fn): Fn[] {
    const seen = new Set<Fn>([fn]);
    const list = [fn];
    for (let i = 0; i < list.length && i < 2_000; i++)
      for (const call of (list[i] as Fn).calls) {
        if (this.handsOff(call)) continue;
        for (const t of this.refs(call.callee, call.in))
          if (!seen.has(t)) {
            seen.add(t);
            list.push(t);
          }
      }
    return list;
  }

  /** The calls on a Tk object in `fn` itself (and `widget[...] = v` assignments), by line. */
  tkCalls(fn: Fn): { line: number; text: string; method: string | null }[] {
    const out: { line: number; text: string; method: string | null }[] = [];
    for (const call of fn.calls) {
      const recv = Analysis.receiver(call);
      if (recv && (this.isTk(recv, fn) || this.unknownWidget(call, recv, fn)))
        out.push({ line: call.line, text: call.text, method: Analysis.method(call) });
    }
    for (const s of fn.subAssigns)
      if (this.isTk(s.obj, fn))
        out.push({ line: s.line, text: 'widget[…] = …', method: 'configure' });
    return out;
  }

  /**
   * A widget's own call on something the snippet never says the kind of: `label.config(text=…)`
   * where `label` comes from code the reader left out. Only `config`/`configure` with keyword
   * options, which is how Tk widgets are set, and never on an imported module
   * (`structlog.configure(…)`) or on a value the snippet knows to be something else.
   */
  private unknownWidget(call: Call, recv: Expr, fn: Fn): boolean {
    const m = Analysis.method(call);
    if ((m !== 'config' && m !== 'configure') || call.kw.size === 0) return false;
    return recv.k === 'name' && this.unbound(recv.id, fn, new Set());
  }

  /**
   * Whether a name comes only from code the snippet leaves out: bound nowhere in it, or a
   * parameter whose every argument is such a name. An import, a class of the snippet or any
   * assignment says what it is, and then it is not a guess.
   */
  private unbound(id: string, fn: Fn, seen: Set<string>): boolean {
    if (id === 'self' || this.model.imports.has(id)) return false;
    const found = this.lookup(id, fn);
    if (!found?.scope) return !found;
    const key = `${id}@${found.scope.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (!found.param) return false;
    const args = (this.bindings.get(found.scope) ?? []).filter((b) => b.param === id);
    return (
      args.length > 0 &&
      args.every((b) => b.value.k === 'name' && this.unbound(b.value.id, b.in, seen))
    );
  }

  /** The first line that runs a function on each thread it runs on, for messages. */
  whereOf(fn: Fn): Map<Where, Reason> {
    return this.where.get(fn) ?? new Map();
  }

  /** The hand-over behind a reason: follows "called from" back to the line that handed it over. */
  origin(fn: Fn, where: Where): { fn: Fn; reason: Reason } | null {
    let at: Fn = fn;
    for (let i = 0; i < 50; i++) {
      const reason = this.where.get(at)?.get(where);
      if (!reason) return null;
      if (!reason.from) return { fn: at, reason };
      at = reason.from;
    }
    return null;
  }
}
