/** A strict RFC 4180 reader for the tests: CRLF records, quoted fields with "" escapes, a leading BOM. */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < input.length; i++) {
    const char = input[i]
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"'
        i++
      }
      else if (char === '"') {
        quoted = false
      }
      else {
        field += char
      }
    }
    else if (char === '"' && field === '') {
      quoted = true
    }
    else if (char === ',') {
      record.push(field)
      field = ''
    }
    else if (char === '\r' && input[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i++
    }
    else {
      if (char === '\n' || char === '"')
        throw new Error(`unquoted ${JSON.stringify(char)} at ${i}`)
      field += char
    }
  }
  if (field !== '' || record.length > 0)
    throw new Error('the last record does not end with CRLF')
  return records
}
