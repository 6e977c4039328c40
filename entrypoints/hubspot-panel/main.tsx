import { createRoot } from 'react-dom/client';
import { LocaleProvider } from '../../components/shell/locale';
import { CompanyPanel } from '../../components/dealers/CompanyPanel';
import '../../components/shell/theme.css';
import { setUpPanelFrame } from '../../lib/host/panel-frame';

// Framed by the content script on HubSpot company records (lib/host/hubspot-frame.ts). A frame in
// a third-party page gets partitioned storage, so this page never opens the database: it asks the
// background for everything, like a content script.
const frame = setUpPanelFrame();
void frame.language().then((locale) => {
  document.documentElement.lang = locale;
  createRoot(document.getElementById('root')!).render(
    <LocaleProvider locale={locale}>
      <CompanyPanel send={frame.send} frame={frame} />
    </LocaleProvider>,
  );
});
