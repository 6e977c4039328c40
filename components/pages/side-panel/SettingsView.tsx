import { useT } from '../../shell/locale';
import { sidePanelMessages } from './messages';
import { LanguagePicker } from '../../shell/LanguagePicker';

export function SettingsView({ onOpenOptions, syncPanel }: { onOpenOptions: () => void; syncPanel?: React.ReactNode }) {
  const t = useT(sidePanelMessages);
  return (
    <div className="fk-stack">
      <h2>{t('settingsTitle')}</h2>
      {syncPanel}
      <LanguagePicker />
      <p className="fk-muted">{t('settingsHint')}</p>
      <button type="button" className="fk-button" onClick={onOpenOptions}>
        {t('openOptions')}
      </button>
    </div>
  );
}
