/**
 * Where the end-to-end tests find the production build and its preview server. Both can be moved
 * (E2E_PORT, E2E_DIST) so that two test runs on one machine do not share a port or a build.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
export const E2E_DIST = process.env.E2E_DIST ?? 'dist';
export const E2E_ORIGIN = `http://127.0.0.1:${E2E_PORT}`;
