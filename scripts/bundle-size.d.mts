export interface SizedFile {
  file: string;
  gzip: number;
}
export function bundleSize(dist?: string): {
  initial: { js: number; css: number; files: SizedFile[] };
  lazy: SizedFile[];
  totalGzip: number;
};
export const INITIAL_JS_BUDGET: number;
