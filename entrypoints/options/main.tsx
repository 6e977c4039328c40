import { createRoot } from 'react-dom/client';
import { ExtensionRoot } from '../../components/app/ExtensionRoot';
import { OptionsApp } from '../../components/options/OptionsApp';
import { setUpExtensionPage } from '../../lib/pages/extension-page';

const { db, browserLanguage, appVersion } = setUpExtensionPage();
createRoot(document.getElementById('root')!).render(
  <ExtensionRoot db={db} browserLanguage={browserLanguage}>
    <OptionsApp appVersion={appVersion} />
  </ExtensionRoot>,
);
