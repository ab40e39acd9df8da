import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { applyLanguage, i18nPlugin, readLanguageChoice, resolveLanguage } from './i18n'
import { setUnauthorizedHandler } from './logic/api'
import { followNotificationClicks } from './logic/notification-navigation'
import { createAppRouter } from './router'
import { useSessionStore } from './stores/session'
import './styles/main.css'

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter()
app.use(pinia)
app.use(router)
app.use(i18nPlugin)

// A 401 anywhere means the session ended: back to sign-in, and back here afterwards.
setUnauthorizedHandler(() => {
  useSessionStore(pinia).expire()
  const current = router.currentRoute.value
  if (!current.meta.public)
    void router.replace({ name: 'sign-in', query: { redirect: current.fullPath } })
})

// Web Push: a notification tapped while Pulse is open shows its order here.
followNotificationClicks(router)

// The first paint is in the device's language: its messages load beside the first page's code. Should they
// fail to load (offline before the app was ever cached), the interface still mounts, in its keys.
const language = applyLanguage(resolveLanguage(readLanguageChoice())).catch((error: unknown) => console.error(error))
void Promise.all([router.isReady(), language]).then(() => app.mount('#app'))
app.config.errorHandler = (error) => {
  console.error(error)
}
