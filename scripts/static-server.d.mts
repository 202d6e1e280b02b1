export function serveStatic(options?: {
  root?: string;
  prefix?: string;
  port?: number;
  headers?: Record<string, string>;
  /** Answer like `serve` 14's default (redirects that drop the query, no slash redirect). */
  cleanUrls?: boolean;
}): Promise<{ url: string; close(): Promise<void> }>;
