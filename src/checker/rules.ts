/**
 * The checker's rules (their words are in ./rule-text.ts): each reads the analysis and returns
 * findings, a line and a sentence saying why that line, naming the snippet's own functions.
 */
import { Analysis, type Where } from './analysis';
import type { Call, Expr, Fn } from './model';

import type { Finding, RuleId } from './rule-text';

export type { Finding, RuleId };

const WHERE: Record<Where, string> = {
  tk: 'the Tk thread',
  thread: 'a worker thread',
  loop: 'the asyncio loop thread',
};

function named(fn: Fn): string {
  return fn.kind === 'lambda' ? `the lambda on line ${fn.line}` : `${fn.name}()`;
}

/** "on_run() runs on the Tk thread: a widget’s command (line 50)". */
function runsOn(a: Analysis, fn: Fn, where: Where): string {
  const origin = a.origin(fn, where);
  if (!origin) return `${named(fn)} runs on ${WHERE[where]}`;
  const via = origin.fn === fn ? '' : `, called from ${named(origin.fn)}`;
  return `${named(fn)} runs on ${WHERE[where]}${via}: ${origin.reason.how} (line ${origin.reason.line})`;
}

const BLOCKING = new Set([
  'time.sleep',
  'urllib.request.urlopen',
  'socket.create_connection',
  'subprocess.run',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'os.system',
  'os.waitpid',
]);
const HTTP_CLIENTS = /^(requests|httpx)\.(get|post|put|patch|delete|head|options|request)$/;

/** Runs every rule over the analysis: the findings, by line. */
export function runRules(a: Analysis): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: RuleId, line: number, why: string, related: number[] = []) => {
    if (!findings.some((f) => f.rule === rule && f.line === line))
      findings.push({ rule, line, why, related });
  };
  const model = a.model;
  const tkFns = model.fns.filter((f) => a.whereOf(f).has('tk'));
  const offFns = model.fns.filter((f) => a.whereOf(f).has('thread') || a.whereOf(f).has('loop'));
  const offWhere = (f: Fn): Where => (a.whereOf(f).has('loop') ? 'loop' : 'thread');

  // Close handlers and the functions they reach: waiting for threads there is how a clean close works.
  const closeHandlers = model.calls
    .filter((c) => Analysis.method(c) === 'protocol' && c.args[1])
    .flatMap((c) => a.refs(c.args[1] as Expr, c.in));
  const closeReach = new Set(closeHandlers.flatMap((f) => a.reach(f)));
  // "Joined on close": a close handler (or what it reaches, or schedules with after) waits for a thread.
  const waitsOnClose = [...closeReach].some((f) =>
    f.calls.some((c) => /^(join|is_alive)$/.test(Analysis.method(c) ?? '')),
  );
  const stops = model.calls.some((c) =>
    [c.callee, ...c.args].some(
      (e) => e.k === 'attr' && e.attr === 'stop' && a.has(e.obj, c.in, 'loop'),
    ),
  );

  // ---- deadlock first: its widget calls are its own, not widget-from-thread findings ----------
  const deadlockLines = new Set<number>();
  for (const fn of tkFns) {
    const guarded = fn.calls.some((c) => Analysis.method(c) === 'done');
    for (const call of fn.calls) {
      if (Analysis.method(call) !== 'result' || guarded) continue;
      const recv = Analysis.receiver(call) as Expr;
      const futures = a.values(recv, fn).filter((v) => v.kind === 'cfuture');
      if (!futures.length) continue;
      const coroutines = futures.flatMap((v) => v.fns ?? []);
      const tkLines = coroutines.flatMap((c) =>
        a.reach(c).flatMap((g) => a.tkCalls(g).map((t) => t.line)),
      );
      if (tkLines.length) {
        tkLines.forEach((l) => deadlockLines.add(l));
        add(
          'deadlock',
          call.line,
          `${runsOn(a, fn, 'tk')}, and waits here for ${coroutines.map(named).join(', ')}, which calls a widget on line ${tkLines.join(', ')} from the loop thread.`,
          tkLines,
        );
      } else
        add(
          'blocking-call',
          call.line,
          `${runsOn(a, fn, 'tk')}, and waits here until ${coroutines.length ? coroutines.map(named).join(', ') : 'the future'} is done.`,
        );
    }
  }

  // ---- on the Tk thread -----------------------------------------------------------------------
  for (const fn of tkFns) {
    const onClose = closeReach.has(fn);
    const checksAlive = fn.calls.some((c) => Analysis.method(c) === 'is_alive');
    for (const call of fn.calls) {
      const q = a.qualify(call.callee) ?? '';
      const m = Analysis.method(call);
      const recv = Analysis.receiver(call);
      if (q === 'asyncio.run' || m === 'run_until_complete') {
        if (!a.whereOf(fn).has('thread') && !a.whereOf(fn).has('loop'))
          add(
            'asyncio-run',
            call.line,
            `${runsOn(a, fn, 'tk')}; ${call.text} holds it until the coroutine ends.`,
          );
        continue;
      }
      let blocks = BLOCKING.has(q) || HTTP_CLIENTS.test(q);
      if (!blocks && recv && m === 'join' && !onClose && !checksAlive)
        blocks = a.has(recv, fn, 'thread');
      if (!blocks && recv && m === 'acquire' && call.args.length === 0 && !call.kw.size)
        blocks = a.has(recv, fn, 'lock');
      if (!blocks && recv && m === 'wait' && call.args.length === 0 && !call.kw.size)
        blocks = a.has(recv, fn, 'event');
      if (!blocks && recv && m === 'get' && call.args.length === 0 && !call.kw.size)
        blocks = a.has(recv, fn, 'queue');
      if (blocks)
        add('blocking-call', call.line, `${runsOn(a, fn, 'tk')}, and ${call.text} waits on it.`);
    }
  }

  // An app that drives Tk with root.update() (or dooneevent) in a loop and never calls mainloop():
  // tkinter hands another thread's call to the Tk thread only while it sits in mainloop(), so every
  // Tk call from another thread fails there, after() included (recorded: thread-call, update-loop).
  const mainloopRuns = model.calls.some((c) => Analysis.method(c) === 'mainloop');
  const updateLoop = mainloopRuns ? undefined : model.calls.find((c) => isUpdateLoop(a, c));
  const updateDriven = updateLoop
    ? `; Tk is driven by ${updateLoop.text} in a loop (line ${updateLoop.line}) and mainloop() never runs, so tkinter cannot hand the call to the Tk thread`
    : '';

  // ---- off the Tk thread ----------------------------------------------------------------------
  const tkInThread = new Set<Fn>();
  for (const fn of offFns) {
    const creates = fn.calls.find(
      (c) =>
        a.values({ k: 'call', call: c, line: c.line }, fn).some((v) => v.kind === 'tk') &&
        /\.(Tk)$/.test(a.qualify(c.callee) ?? ''),
    );
    const loops = fn.calls.find((c) => Analysis.method(c) === 'mainloop');
    const first = creates ?? loops;
    if (first) {
      tkInThread.add(fn);
      add(
        'tk-in-thread',
        first.line,
        `${runsOn(a, fn, offWhere(fn))}, and ${first.text} makes or runs Tk there.`,
      );
    }
  }
  const callsTk = new Set<Fn>();
  for (const fn of offFns) {
    if (tkInThread.has(fn)) continue;
    const where = offWhere(fn);
    for (const t of a.tkCalls(fn)) {
      callsTk.add(fn);
      if (deadlockLines.has(t.line)) continue;
      if (t.method && /^(after|after_idle|event_generate)$/.test(t.method) && !updateDriven) {
        if (!waitsOnClose)
          add(
            'after-close',
            t.line,
            `${runsOn(a, fn, where)}, and calls ${t.text} from there; nothing waits for that thread when the window closes.`,
          );
      } else
        add(
          'widget-from-thread',
          t.line,
          `${runsOn(a, fn, where)}, and calls ${t.text} from there${updateDriven}.`,
        );
    }
  }

  // asyncio.Queue: put()/get() never awaited anywhere; any use from a plain worker thread.
  for (const call of model.calls) {
    const recv = Analysis.receiver(call);
    const m = Analysis.method(call);
    if (!recv || !m || !a.has(recv, call.in, 'aqueue')) continue;
    if ((m === 'put' || m === 'get') && !call.awaited)
      add(
        'asyncio-queue',
        call.line,
        `${call.text} is a coroutine call on an asyncio.Queue, never awaited: it does nothing.`,
      );
    else if (a.whereOf(call.in).has('thread') && !a.perThreadLoop.has(call.in))
      add(
        'asyncio-queue',
        call.line,
        `${runsOn(a, call.in, 'thread')}, and uses an asyncio.Queue there (${call.text}).`,
      );
  }

  // A task run before mainloop() in the same body.
  for (const fn of model.fns) {
    const mainloop = fn.calls.find((c) => Analysis.method(c) === 'mainloop');
    if (!mainloop) continue;
    for (const call of fn.calls)
      if (
        call.line < mainloop.line &&
        (a.qualify(call.callee) === 'asyncio.run' ||
          Analysis.method(call) === 'run_until_complete') &&
        !a.whereOf(fn).has('tk')
      )
        add(
          'before-mainloop',
          call.line,
          `${call.text} runs to the end before mainloop() on line ${mainloop.line} shows the window.`,
        );
  }

  // Loop threads that nothing stops: the process waits for one for ever, or, a daemon with work
  // submitted to it, ends it wherever it is (recorded: shutdown, never-stopped and daemon).
  const submits = model.calls.some(
    (c) =>
      a.qualify(c.callee) === 'asyncio.run_coroutine_threadsafe' ||
      Analysis.method(c) === 'call_soon_threadsafe',
  );
  for (const call of a.loopThreads()) {
    if (stops) break;
    const daemon = isDaemon(call);
    if (daemon === false)
      add(
        'never-stopped',
        call.line,
        `This thread runs loop.run_forever(); nothing in the snippet calls loop.stop(), and the thread is not a daemon.`,
      );
    else if (daemon === true && submits)
      add(
        'never-stopped',
        call.line,
        `This daemon thread runs loop.run_forever(), and nothing in the snippet calls loop.stop(): when the window closes, the interpreter ends the thread wherever its loop is, and the tasks submitted to it are never cancelled or cleaned up.`,
      );
  }

  // Tasks and futures dropped on the floor.
  for (const call of model.calls) {
    const q = a.qualify(call.callee) ?? '';
    const m = Analysis.method(call);
    const recv = Analysis.receiver(call);
    const makes =
      q === 'asyncio.create_task' ||
      q === 'asyncio.ensure_future' ||
      q === 'asyncio.run_coroutine_threadsafe' ||
      (m === 'create_task' &&
        recv !== null &&
        !a.has(recv, call.in, 'taskgroup') &&
        !/^(tg|group|task_group)$/.test(recv.k === 'name' ? recv.id : ''));
    if (makes && call.discarded && q !== 'asyncio.create_task' + '_')
      add(
        'dropped-task',
        call.line,
        `${call.text} returns a ${q === 'asyncio.run_coroutine_threadsafe' ? 'future' : 'task'}, and it is dropped.`,
      );
    const handed = a.handedOff(call);
    if (handed?.to === 'loop' && handed.fn.k === 'attr' && handed.fn.attr === 'create_task')
      add(
        'dropped-task',
        call.line,
        `call_soon_threadsafe() makes a task on the loop thread, and nothing keeps it.`,
      );
  }

  // The same loop run from a thread started per Tk callback.
  for (const fn of model.fns) {
    const where = a.whereOf(fn).get('thread');
    if (!where) continue;
    if (a.reach(fn).some((g) => g.calls.some((c) => Analysis.method(c) === 'run_forever')))
      continue;
    const origin = a.origin(fn, 'thread');
    const starter = origin ? model.calls.find((c) => c.line === origin.reason.line) : undefined;
    if (!starter || !a.whereOf(starter.in).has('tk')) continue;
    for (const call of fn.calls) {
      if (Analysis.method(call) !== 'run_until_complete') continue;
      const recv = Analysis.receiver(call) as Expr;
      const madeHere = recv.k === 'name' && fn.locals.has(recv.id);
      if (!madeHere && a.has(recv, fn, 'loop'))
        add(
          'loop-per-click',
          call.line,
          `${runsOn(a, fn, 'thread')}, started from ${named(starter.in)} each time, and runs a loop made elsewhere.`,
        );
    }
  }

  // A global cached by a coroutine that runs under a per-thread asyncio.run().
  for (const [fn, via] of a.perThreadLoop) {
    if (!fn.async) continue;
    for (const [name, lines] of fn.globals)
      for (const line of lines)
        add(
          'client-first-loop',
          line,
          `${named(fn)} runs under asyncio.run() in a worker thread (line ${via.line}), a new loop each time, and keeps ${name} in a global.`,
        );
  }

  // Threads holding Tk objects, in programs where they can outlive the window.
  const after = codeAfterApp(a);
  for (const call of model.calls) {
    const q = a.qualify(call.callee);
    if (q !== 'threading.Thread') continue;
    const handed = a.handedOff(call);
    if (!handed) continue;
    const targets = a.refs(handed.fn, call.in);
    if (targets.some((t) => a.reach(t).some((g) => callsTk.has(g) || tkInThread.has(g)))) continue;
    // Not knowing whether it is a daemon, take the case that crashes less: fewer findings.
    const daemon = isDaemon(call) !== false;
    if (waitsOnClose || (daemon && !after.code) || (!daemon && after.globalTk)) continue;
    const held = heldTk(a, call, handed.fn, handed.args, targets);
    if (held) add('tk-held-by-thread', call.line, `This thread holds ${held}.`);
  }

  // Loops of root.update() / dooneevent(): a note on what they cost.
  for (const call of model.calls)
    if (isUpdateLoop(a, call))
      add('update-loop', call.line, `${call.text} in a loop drives Tk instead of mainloop().`);

  return findings.sort((x, y) => x.line - y.line || x.rule.localeCompare(y.rule));
}

/** Whether a call is root.update() on a Tk object, or dooneevent(), inside a loop: Tk driven by hand. */
function isUpdateLoop(a: Analysis, call: Call): boolean {
  const m = Analysis.method(call);
  const recv = Analysis.receiver(call);
  if (!call.inLoop || !recv) return false;
  return (m === 'update' && a.isTk(recv, call.in)) || m === 'dooneevent';
}

/** Whether a Thread(...) call makes a daemon thread: true, false, or null when the snippet cannot say. */
function isDaemon(call: Call): boolean | null {
  let e = call.kw.get('daemon');
  if (!e) return false;
  for (let i = 0; i < 5; i++) {
    if (e.k === 'const') return e.text === 'True' ? true : e.text === 'False' ? false : null;
    if (e.k !== 'name') return null;
    const id: string = e.id;
    let found: Expr | undefined;
    for (let f: Fn | null = call.in; f && !found; f = f.parent) found = f.defaults.get(id);
    if (!found) return null;
    e = found;
  }
  return null;
}

/** What of Tk's a thread would hold: its target bound to an app, a closure, or an argument. */
function heldTk(a: Analysis, call: Call, target: Expr, args: Expr[], fns: Fn[]): string | null {
  if (target.k === 'attr') {
    const kinds = a.values(target.obj, call.in).map((v) => v.kind);
    if (kinds.includes('tk') || kinds.includes('tkholder'))
      return `${exprText(target)}, a method bound to an object that holds the window`;
  }
  for (const arg of args)
    if (a.values(arg, call.in).some((v) => v.kind === 'tk' || v.kind === 'tkholder'))
      return `a Tk object passed in its args (${exprText(arg)})`;
  for (const fn of fns) {
    if (!fn.parent || fn.parent.kind === 'module') continue;
    for (const id of fn.reads) {
      if (fn.params.includes(id) || fn.locals.has(id)) continue;
      const e: Expr = { k: 'name', id, line: fn.line };
      const kinds = a.values(e, fn.parent).map((v) => v.kind);
      if (kinds.includes('tk') || kinds.includes('tkholder'))
        return `${id} from ${named(fn.parent)} through its closure (${named(fn)})`;
    }
  }
  return null;
}

function exprText(e: Expr): string {
  if (e.k === 'name') return e.id;
  if (e.k === 'attr') return `${exprText(e.obj)}.${e.attr}`;
  if (e.k === 'call') return e.call.text;
  return '…';
}

/**
 * Whether the module goes on after the statement that runs the app (then a thread can outlive the
 * window's owner), and whether the window is kept in a module global (then the main thread holds
 * it until every non-daemon thread has ended).
 */
function codeAfterApp(a: Analysis): { code: boolean; globalTk: boolean } {
  const module = a.model.module;
  const runsApp = (f: Fn) =>
    a
      .reach(f)
      .some((g) =>
        g.calls.some(
          (c) => Analysis.method(c) === 'mainloop' || /\.Tk$/.test(a.qualify(c.callee) ?? ''),
        ),
      );
  let last = -1;
  module.statements.forEach((s, i) => {
    if (
      s.calls.some(
        (c) =>
          Analysis.method(c) === 'mainloop' ||
          a.refs(c.callee, module).some(runsApp) ||
          c.args.some((x) => x.k === 'call' && a.refs(x.call.callee, module).some(runsApp)),
      )
    )
      last = i;
  });
  const code = last >= 0 && module.statements.slice(last + 1).some((s) => s.calls.length > 0);
  const globalTk = [...module.locals].some(([, exprs]) =>
    exprs.some((e) => a.values(e, module).some((v) => v.kind === 'tk' || v.kind === 'tkholder')),
  );
  return { code, globalTk };
}
