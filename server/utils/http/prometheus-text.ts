/** A sample: its labels as rendered (`{type="order_created"}`, or '' for none) and its value. */
export type PrometheusSample = [labels: string, value: number]

/** One metric in the Prometheus text exposition format: its HELP and TYPE lines, then a line per sample. */
export function prometheusLines(name: string, type: 'counter' | 'gauge', help: string, samples: PrometheusSample[]): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([labels, value]) => `${name}${labels} ${value}`)]
}
