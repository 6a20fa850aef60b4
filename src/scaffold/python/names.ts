// Python spellings of app.yaml names: an attribute for a resource (process-order → process_order)
// and a string literal.

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);

/** A Python identifier for an app.yaml name: characters other than letters, digits and _ become _. */
export function pyIdentifier(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (/^[0-9]/.test(id)) id = `_${id}`;
  return KEYWORDS.has(id) ? `${id}_` : id;
}

/** snake_case for a PascalCase or kebab-case name: OrderPlaced → order_placed. */
export function pySnake(name: string): string {
  return pyIdentifier(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase());
}

/** A double-quoted Python string literal (JSON's escapes are valid Python). */
export function pyString(value: string): string {
  return JSON.stringify(value);
}
