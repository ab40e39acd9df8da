import { describe, expect, it } from 'vitest'
import ConfirmButton from '../../app/components/team/ConfirmButton.vue'
import { categoryTabs, moveItem, productsInTab, TABS_FROM } from '../../app/logic/catalog'
// @vitest-environment happy-dom
import { mountWithI18n as mount } from '../helpers/i18n'

const product = (category: string | null) => ({ category })

describe('the order form\'s category tabs', () => {
  it('appear only from TABS_FROM products in more than one category', () => {
    const few = Array.from({ length: TABS_FROM - 1 }, (_, i) => product(i % 2 ? 'Bread' : 'Cake'))
    expect(categoryTabs(few)).toBeNull()
    const oneCategory = Array.from({ length: TABS_FROM + 3 }, () => product('Bread'))
    expect(categoryTabs(oneCategory)).toBeNull()
    const many = [product('Bread'), product(null), product('Cake'), ...Array.from({ length: TABS_FROM }, () => product('Bread'))]
    expect(categoryTabs(many)).toEqual(['All', 'Bread', 'Other', 'Cake'])
  })

  it('a tab shows its category; All or none shows every product', () => {
    const list = [product('Bread'), product(null), product('Cake')]
    expect(productsInTab(list, 'Cake')).toEqual([product('Cake')])
    expect(productsInTab(list, 'Other')).toEqual([product(null)])
    expect(productsInTab(list, 'All')).toEqual(list)
    expect(productsInTab(list, null)).toEqual(list)
  })

  it('moveItem moves one item and keeps the others in order, clamped to the ends', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 2, 0)).toEqual(['c', 'a', 'b', 'd'])
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 9)).toEqual(['b', 'c', 'd', 'a'])
    const list = ['a', 'b']
    moveItem(list, 0, 1)
    expect(list).toEqual(['a', 'b'])
  })
})

describe('confirmButton', () => {
  it('the first tap arms it, Escape takes it back without confirming, the second tap confirms', async () => {
    const button = mount(ConfirmButton, { props: { label: 'Remove', confirmLabel: 'Remove Ann? Tap again' } })
    await button.trigger('click')
    expect(button.text()).toBe('Remove Ann? Tap again')
    await button.trigger('keydown', { key: 'Escape' })
    expect(button.text()).toBe('Remove')
    expect(button.emitted('confirm')).toBeUndefined()
    await button.trigger('click')
    await button.trigger('click')
    expect(button.emitted('confirm')).toHaveLength(1)
  })
})
