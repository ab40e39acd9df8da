export function orderSearchText(customerName: string | null | undefined, itemNames: readonly string[]): string
