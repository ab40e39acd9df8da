/**
 * Opened forms and dialogs (the order form, a payment, a confirmation, custom dates): while one is open, or
 * focus is in any form, live events raise no toast (the badge and the figures already say it).
 */
const OPEN_FORMS = 'dialog[open],[role="dialog"],[role="alertdialog"],[aria-modal="true"],form.create,form.payment,form.picker,.confirm[role="group"]'

export function formOrDialogOpen(doc: Pick<Document, 'querySelector' | 'activeElement'> | undefined = globalThis.document): boolean {
  if (!doc)
    return false
  return !!doc.querySelector(OPEN_FORMS) || !!doc.activeElement?.closest('form,dialog')
}
