export { ConnectionSettings, type ConnectionSettingsProps } from './ConnectionSettings';
export { connectionMessages } from './connection-messages';
export { ConnectionSettingsContainer } from './ConnectionSettingsContainer';
