import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
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

// A 401 anywhere means the session ended: back to sign-in, and back here afterwards.
setUnauthorizedHandler(() => {
  useSessionStore(pinia).expire()
  const current = router.currentRoute.value
  if (!current.meta.public)
    void router.replace({ name: 'sign-in', query: { redirect: current.fullPath } })
})

// Web Push: a notification tapped while Pulse is open shows its order here.
followNotificationClicks(router)

void router.isReady().then(() => app.mount('#app'))
app.config.errorHandler = (error) => {
  console.error(error)
}
