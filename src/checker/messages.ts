/**
 * The messages between the page and the checker's worker, one tagged union per direction. Types
 * only: the runtime check of what the worker sends lives in ./guard.ts.
 */
import type { Checked, Refusal } from './check';

/** Page → worker: check this text; the answer carries the same id. */
export interface CheckRequest {
  type: 'check';
  id: number;
  text: string;
}

export type PageToChecker = CheckRequest;

/** Worker → page: the text was checked, or refused before parsing. */
export interface CheckAnswer {
  type: 'checked';
  id: number;
  result: Checked | Refusal;
}

/** Worker → page: the check itself threw (a bug of the checker's, said as such). */
export interface CheckFailed {
  type: 'failed';
  id: number;
  message: string;
}

export type CheckerToPage = CheckAnswer | CheckFailed;
