export { ConnectionSettings, type ConnectionSettingsProps } from './ConnectionSettings';
export { connectionMessages } from './messages';
