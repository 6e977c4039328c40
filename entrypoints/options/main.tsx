import { createRoot } from 'react-dom/client';
import { ExtensionRoot } from '../../components/shell/ExtensionRoot';
import { OptionsApp } from '../../components/pages/options/OptionsApp';
import { ConnectionSettingsContainer } from '../../components/sync/connection-index';
import { setUpExtensionPage } from '../../lib/host/extension-page';
import { DEFAULT_BASE_URL } from '../../lib/crm/hubspot/base-url';
import { notificationPermission } from '../../lib/host/reminders';

const { db, browserLanguage, appVersion, send } = setUpExtensionPage();
createRoot(document.getElementById('root')!).render(
  <ExtensionRoot db={db} browserLanguage={browserLanguage} send={send}>
    <OptionsApp appVersion={appVersion} notificationPermission={notificationPermission} connection={<ConnectionSettingsContainer send={send} defaultBaseUrl={DEFAULT_BASE_URL} />} />
  </ExtensionRoot>,
);
