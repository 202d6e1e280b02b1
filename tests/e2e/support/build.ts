import { createServer } from 'node:net';

/**
 * Where the end-to-end tests find the production build and its preview server. Both can be moved
 * (E2E_PORT, E2E_DIST) so that two test runs on one machine do not share a port or a build.
 *
 * Without E2E_PORT the runner takes a port the system reports free and passes it to its workers
 * through the environment: a server left behind by an interrupted run (still holding 4173, say)
 * is then never mistaken for this run's build. An E2E_PORT that is taken fails the run at start
 * ("--strictPort"), with Vite's own message, rather than testing someone else's server.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? (await freePort()));
process.env.E2E_PORT = String(E2E_PORT);
export const E2E_DIST = process.env.E2E_DIST ?? 'dist';
export const E2E_ORIGIN = `http://127.0.0.1:${E2E_PORT}`;

/** A TCP port on 127.0.0.1 that nothing listens on right now (the system picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
