import type { RouteRecordRaw } from 'vue-router'
import { createRouter, createWebHistory, START_LOCATION } from 'vue-router'
import { useSessionStore } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable signed out (sign-in and register); everything else sends signed-out people to sign in. */
    public?: boolean
    title?: string
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'analytics', component: () => import('./pages/AnalyticsPage.vue'), meta: { title: 'Analytics' } },
  { path: '/orders', name: 'orders', component: () => import('./pages/OrdersPage.vue'), meta: { title: 'Orders' } },
  { path: '/sign-in', name: 'sign-in', component: () => import('./pages/SignInPage.vue'), meta: { public: true, title: 'Sign in' } },
  { path: '/register', name: 'register', component: () => import('./pages/RegisterPage.vue'), meta: { public: true, title: 'Create your store' } },
  { path: '/:path(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: 'Not found' } },
]

/** Only same-app paths are followed after sign-in (no open redirect). */
export function safeRedirect(target: unknown): string {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : '/'
}

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    // A fresh page load is already at the top: scrolling there would force a layout in the mount task.
    scrollBehavior: (_to, from, saved) => saved ?? (from === START_LOCATION ? false : { top: 0 }),
  })

  router.beforeEach(async (to) => {
    const session = useSessionStore()
    const signedIn = await session.ensure({ publicPage: !!to.meta.public })
    if (!to.meta.public && !signedIn)
      return { name: 'sign-in', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
    if (to.meta.public && signedIn)
      return safeRedirect(to.query.redirect)
    return true
  })

  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · Pulse` : 'Pulse'
  })

  return router
}
