import { createRoot } from 'react-dom/client';
import { ExtensionRoot } from '../../components/app/ExtensionRoot';
import { OptionsApp } from '../../components/options/OptionsApp';
import { ConnectionSettingsContainer } from '../../components/connection-settings';
import { setUpExtensionPage } from '../../lib/pages/extension-page';

const { db, browserLanguage, appVersion, send } = setUpExtensionPage();
createRoot(document.getElementById('root')!).render(
  <ExtensionRoot db={db} browserLanguage={browserLanguage} send={send}>
    <OptionsApp appVersion={appVersion} connection={<ConnectionSettingsContainer send={send} />} />
  </ExtensionRoot>,
);
