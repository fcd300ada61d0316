/**
 * Reduces a model name as servers spell it to the name of its family in our tables:
 * "openai/gpt-4o-2024-08-06" is gpt-4o, "gpt-4.1-mini-2025-04-14" is gpt-4.1-mini, and
 * "gpt-4o-mini" stays gpt-4o-mini (it is a different model, not a dated gpt-4o).
 */
export function modelFamilyName(model: string): string {
  const name = model.trim().toLowerCase();
  const withoutProvider = name.slice(name.lastIndexOf('/') + 1);
  return withoutProvider.replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/-latest$/, '');
}

/** Finds the entry for a model in a table keyed by family name, or undefined. */
export function lookupByModel<T>(table: Readonly<Record<string, T>>, model: string): T | undefined {
  const family = modelFamilyName(model);
  return Object.hasOwn(table, family) ? table[family] : undefined;
}
