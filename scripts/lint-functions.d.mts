/** Types of scripts/lint-functions.mjs, for its unit test. */
export const MAX_LINES: number;
export function longFunctions(fileName: string, text: string, max?: number): { name: string; line: number; lines: number }[];
