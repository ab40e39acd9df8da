export function minorUnitDigits(currency: string): number
export function minorToMajor(minor: number, currency: string): number
