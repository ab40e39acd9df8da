import { shallowRef } from 'vue'

/**
 * The language the interface is shown in (a BCP 47 tag). Numbers, money and dates are formatted in it,
 * while the currency and the time zone stay the store's. A ref, so that whatever was formatted in it
 * follows a change of language.
 */
export const appLocale = shallowRef<string>('en-US')
