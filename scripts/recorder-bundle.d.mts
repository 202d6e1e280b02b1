export const RECORDER_FILE: string;
export function recorderSources(root?: string): string[];
export function buildRecorder(root?: string): string;
