/**
 * Prints rows (objects) as an aligned text table with the given columns, in order.
 * Numbers are shown with at most two decimals; null/undefined as "-".
 */
export function printTable(title, rows, columns = Object.keys(rows[0] ?? {})) {
  const show = (value) => {
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)))
      return '-'
    if (typeof value === 'number')
      return Number.isInteger(value) ? String(value) : value.toFixed(2)
    if (typeof value === 'boolean')
      return value ? 'yes' : 'no'
    return String(value)
  }
  const cells = rows.map(row => columns.map(column => show(row[column])))
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map(line => line[i].length)))
  const line = values => values.map((value, i) => (i === 0 ? value.padEnd(widths[i]) : value.padStart(widths[i]))).join('  ')
  console.log(`\n${title}`)
  console.log(line(columns))
  console.log(widths.map(width => '-'.repeat(width)).join('  '))
  for (const values of cells) console.log(line(values))
}
