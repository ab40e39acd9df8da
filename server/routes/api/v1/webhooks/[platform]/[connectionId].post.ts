import { defineHandler } from 'nitro'
import { receiveConnectorWebhook } from '~server/utils/connectors/receive-request'

// No session and no cookie: the platform's signature over the raw body is the only credential.
export default defineHandler(event => receiveConnectorWebhook(event))
