// A spreadsheet runs a cell that starts with one of these as a formula (tab and CR too: some strip them
// first), also behind invisible format characters (zero-width spaces, joiners, direction marks, BOM:
// `\p{Cf}`) that some strip on import. A leading apostrophe makes it text (OWASP "CSV injection").
const FORMULA_START = /^\p{Cf}*[=+\-@\t\r]/u

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}
