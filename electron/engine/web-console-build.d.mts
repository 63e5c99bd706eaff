export function webConsoleStale(): boolean;
export function buildWebConsole(outDir?: string): void;
