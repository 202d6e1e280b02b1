import type { Page } from '@playwright/test';

export const HEAP_GROWTH_LIMIT_MB: number;
export interface SoakSample {
  at: number;
  heapMb: number;
  workers: number;
  errors: number;
  sizes: Record<string, number>;
}
export function soak(
  page: Page,
  options: { url: string; seconds: number; log?: (line: string) => void },
): Promise<{
  samples: SoakSample[];
  checks: Array<{ name: string; ok: boolean; detail?: string[] }>;
  passed: number;
  failed: number;
}>;
