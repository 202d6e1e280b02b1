import type { Frame, Page } from '@playwright/test';

/** Resolves once `count` consecutive frame intervals were each under `limitMs` (ms). */
export function quietFrames(page: Page | Frame, count?: number, limitMs?: number): Promise<void>;
/** A reader's visit of the whole page, scripted (see visit.mjs). */
export function visitEverything(page: Page): Promise<void>;
