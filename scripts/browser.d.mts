export const PLAYWRIGHT_DISABLED_FEATURES: string[];
export const OMNIBOX_WEBUI_FEATURES: string[];
export function disableFeatures(launcherDefaults: string[]): string;
export const CHROMIUM_SWITCHES: string[];
export const CHROMIUM_ARGS: string[];
export function findBrowser(): string | null;
