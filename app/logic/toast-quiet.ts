/**
 * Opened forms and dialogs (the order form, a payment, a confirmation, custom dates): while one is open, or
 * focus is in any form, live events raise no toast (the badge and the figures already say it).
 */
export function formOrDialogOpen(doc: Pick<Document, 'querySelector' | 'activeElement'> | undefined = globalThis.document): boolean {
  return !!doc && !!(doc.querySelector('dialog[open],[role=dialog],[role=alertdialog],form.create,form.payment,form.picker,.confirm') || doc.activeElement?.closest('form,dialog'))
}
