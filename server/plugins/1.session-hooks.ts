import { definePlugin } from 'nitro'
import { onSessionsEnded } from '~server/utils/auth/sessions/end-sessions'
import { closeStreamsOfSessions } from '~server/utils/events/hub'
import { removeSubscriptionsOfSessions } from '~server/utils/push/subscriptions'

// What an ended session held: first its devices' pushes, then its streams on this instance.
export default definePlugin(() => {
  onSessionsEnded(removeSubscriptionsOfSessions)
  onSessionsEnded(closeStreamsOfSessions)
})
