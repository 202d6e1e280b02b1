/**
 * Starting one of the app's own workers, in a form a strict host accepts. Under Trusted Types (a
 * server whose CSP says `require-trusted-types-for 'script'`), `new Worker` takes only a
 * TrustedScriptURL: the URL goes through the policy named WORKER_POLICY, which passes the app's
 * own files and refuses any other origin. Without Trusted Types the policy changes nothing.
 */

/** The Trusted Types policy worker URLs go through; a host's `trusted-types` directive lists it. */
export const WORKER_POLICY = 'two-loops-worker';

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}

/** Created on first use, once per thread (a policy name may be taken only once). null: none. */
let policy: ScriptUrlPolicy | null | undefined;

/**
 * Starts a module worker from `url` (a `?worker&url` import of one of the app's workers), named
 * `name` in DevTools. Throws what `new Worker` throws where the host forbids workers: a
 * SecurityError in a frame sandboxed without `allow-same-origin`, a TypeError under Trusted Types
 * when the host's `trusted-types` list leaves WORKER_POLICY out. Callers catch it and say so.
 */
export function startModuleWorker(url: string, name: string): Worker {
  if (policy === undefined) {
    const types = (globalThis as { trustedTypes?: PolicyFactory }).trustedTypes;
    try {
      policy = types?.createPolicy(WORKER_POLICY, { createScriptURL: ownFile }) ?? null;
    } catch {
      // Not allowed by the host's list: new Worker below then fails with the browser's reason.
      policy = null;
    }
  }
  return new Worker((policy?.createScriptURL(url) ?? url) as string, { type: 'module', name });
}

interface PolicyFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

/** The policy's rule: a worker script from this app's own origin, and nothing else. */
function ownFile(url: string): string {
  const own = new URL(import.meta.url);
  if (new URL(url, own).origin !== own.origin) throw new TypeError(`not this site's file: ${url}`);
  return url;
}
