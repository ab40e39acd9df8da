import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router'
import type { Action } from '~shared/domain'
import { createRouter, createWebHistory, START_LOCATION } from 'vue-router'
import { t } from './i18n'
import { needsLoad, rangeFromQuery } from './logic/analytics-range'
import { prepareFormats } from './logic/format'
import { safeRedirect } from './logic/safe-redirect'
import { knownSignedOut, noteSignedOut } from './logic/session-hint'
import { useAnalyticsStore } from './stores/analytics'
import { useSessionStore } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable signed out (sign-in and register); everything else sends signed-out people to sign in. */
    public?: boolean
    /** Reachable signed in or out (joining a store, pairing a device). */
    open?: boolean
    /** The action (see shared/domain.ts ACTIONS) the signed-in principal needs; without it, its home page. */
    permission?: Action
    /** The page's name in the tab: a key under `common.titles`. */
    title?: string
  }
}

const routes: RouteRecordRaw[] = [
  // `.then(m => m.default)`: the analytics chunk also exports what its lazy heatmap card shares with it, and
  // a plain import() of it would make Rolldown build a namespace object, with its runtime chunk (0.4 KB gzip).
  { path: '/', name: 'analytics', component: () => import('./pages/AnalyticsPage.vue').then(m => m.default), meta: { title: 'analytics', permission: 'analytics:read_today' }, beforeEnter: prefetchAnalytics },
  { path: '/locations', name: 'locations', component: () => import('./pages/LocationsPage.vue'), meta: { title: 'locations' } },
  { path: '/orders', name: 'orders', component: () => import('./pages/OrdersPage.vue'), meta: { title: 'orders', permission: 'orders:read' } },
  // Web Push and counter mode.
  { path: '/orders/:id', name: 'order', component: () => import('./pages/OrderPage.vue'), meta: { title: 'order', permission: 'orders:read' } },
  { path: '/counter', name: 'counter', component: () => import('./pages/CounterPage.vue'), meta: { title: 'counter', permission: 'orders:read' } },
  { path: '/settings', name: 'settings', component: () => import('./pages/StoreSettingsPage.vue'), meta: { title: 'settings' } },
  { path: '/settings/products', name: 'settings-products', component: () => import('./pages/ProductsSettingsPage.vue'), meta: { title: 'products', permission: 'products:manage' } },
  { path: '/settings/team', name: 'settings-team', component: () => import('./pages/TeamSettingsPage.vue'), meta: { title: 'team', permission: 'team:read' } },
  { path: '/settings/devices', name: 'settings-devices', component: () => import('./pages/DevicesSettingsPage.vue'), meta: { title: 'devices', permission: 'devices:manage' } },
  { path: '/settings/api-keys', name: 'settings-api-keys', component: () => import('./pages/ApiKeysSettingsPage.vue'), meta: { title: 'apiKeys', permission: 'api_keys:manage' } },
  { path: '/settings/connections', name: 'settings-connections', component: () => import('./pages/ConnectionsSettingsPage.vue'), meta: { title: 'connections', permission: 'connections:read' } },
  { path: '/pair', name: 'pair', component: () => import('./pages/PairPage.vue'), meta: { public: true, open: true, title: 'pair' } },
  { path: '/join', name: 'join', component: () => import('./pages/JoinPage.vue'), meta: { public: true, open: true, title: 'join' } },
  { path: '/sign-in', name: 'sign-in', component: () => import('./pages/SignInPage.vue'), meta: { public: true, title: 'signIn' } },
  { path: '/register', name: 'register', component: () => import('./pages/RegisterPage.vue'), meta: { public: true, title: 'register' } },
  { path: '/:path(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: 'notFound' } },
]

/**
 * Starts loading the figures while the page's code downloads (signed in: the global guard ran first), so
 * that the page usually renders once, with its numbers, instead of rendering placeholders and then again.
 */
function prefetchAnalytics(to: RouteLocationNormalized): void {
  const analytics = useAnalyticsStore()
  const wanted = rangeFromQuery(to.query.range, analytics.range)
  if (needsLoad({ range: analytics.range, hasData: !!analytics.data, source: analytics.source, inFlight: analytics.refreshing }, wanted))
    void analytics.load(wanted)
  const currency = useSessionStore().currency
  setTimeout(() => prepareFormats(currency), 0)
}

/** Starts downloading a page's code at once, alongside the session check rather than after it. */
function preloadPage(to: RouteLocationNormalized): void {
  for (const record of to.matched) {
    const component = record.components?.default
    // A lazy `() => import()` (vue-router's own test: a function that is not a component).
    if (typeof component === 'function' && !('displayName' in component) && !('props' in component) && !('__vccOpts' in component))
      void (component as () => Promise<unknown>)().catch(() => {})
  }
}

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    // A fresh page load is already at the top: scrolling there would force a layout in the mount task.
    scrollBehavior: (_to, from, saved) => saved ?? (from === START_LOCATION ? false : { top: 0 }),
  })

  router.beforeEach(async (to) => {
    preloadPage(to)
    const session = useSessionStore()
    // A device known to be signed out goes to sign-in without asking /auth/me (it can only say signed out).
    const signedIn = await session.ensure({ publicPage: !!to.meta.public || knownSignedOut() })
    noteSignedOut(!signedIn)
    if (!to.meta.public && !signedIn)
      return { name: 'sign-in', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
    if (to.meta.public && signedIn && !to.meta.open)
      return safeRedirect(to.query.redirect)
    // A role that may not see the page lands on its own first page (staff without figures: Orders).
    if (signedIn && to.meta.permission && !session.can(to.meta.permission))
      return session.can('analytics:read_today') ? { name: 'analytics' } : { name: 'orders' }
    return true
  })

  router.afterEach((to) => {
    document.title = to.meta.title ? t('common.titles.withApp', { page: t(`common.titles.${to.meta.title}`) }) : 'Pulse'
  })

  return router
}
