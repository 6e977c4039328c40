export { createHubSpotAdapter, type HubSpotAdapterOptions } from './adapter';
export { REQUIRED_SCOPES, OPTIONAL_SCOPES, missingScopes, type ScopeNeed } from './scopes';
export { COMPANY_PROPERTIES, DEALER_FIELD_PROPERTIES, NOTE_PROPERTIES, GROUP_NAME } from './properties';
export { NOTE_TO_COMPANY } from './notes';
export { normaliseBaseUrl, BaseUrlError, DEFAULT_BASE_URL } from './base-url';

import { createHubSpotAdapter } from './adapter';
import { normaliseBaseUrl } from './base-url';
import type { CrmConnector } from '../port';

/** HubSpot as the CRM sync connects to: its allowed API hosts and its port. */
export const hubSpotConnector: CrmConnector = {
  normaliseBaseUrl,
  createPort: ({ baseUrl, token, recordStorage }) => createHubSpotAdapter({ baseUrl, token, ...(recordStorage ? { recordStorage } : {}) }),
};
