export { ConnectionSettings, type ConnectionSettingsProps } from './ConnectionSettings';
export { connectionMessages } from './messages';
export { ConnectionSettingsContainer } from './ConnectionSettingsContainer';
