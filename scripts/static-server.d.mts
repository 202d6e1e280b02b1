export function serveStatic(options?: {
  root?: string;
  prefix?: string;
  port?: number;
  headers?: Record<string, string>;
}): Promise<{ url: string; close(): Promise<void> }>;
