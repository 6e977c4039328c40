export { createHubSpotAdapter, type HubSpotAdapterOptions } from './adapter';
export { REQUIRED_SCOPES, OPTIONAL_SCOPES, missingScopes, type ScopeNeed } from './scopes';
export { COMPANY_PROPERTIES, NOTE_PROPERTIES, GROUP_NAME } from './properties';
export { NOTE_TO_COMPANY } from './notes';
