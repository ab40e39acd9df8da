// A spreadsheet runs a cell that starts with one of these as a formula (tab and CR too: some strip them
// first). A leading apostrophe makes it text (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}
