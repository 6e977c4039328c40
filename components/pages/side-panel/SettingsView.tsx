import type { ReactNode } from 'react';
import { ExternalLink } from 'lucide-react';
import { useT } from '../../shell/locale';
import { sidePanelMessages } from './messages';
import { LanguagePicker } from '../../shell/LanguagePicker';
import { Button, Card } from '../../ui';

/** The side panel's settings: sync at a glance, the language, and the way to the full settings page. */
export function SettingsView({ onOpenOptions, syncPanel }: { onOpenOptions: () => void; syncPanel?: ReactNode }) {
  const t = useT(sidePanelMessages);
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">{t('settingsTitle')}</h2>
      {/* The sync panel is a card of its own. */}
      {syncPanel}
      <Card>
        <LanguagePicker />
        <div className="flex flex-col items-start gap-2 border-t border-line pt-3">
          <p className="m-0 text-sm text-muted">{t('settingsHint')}</p>
          <Button onClick={onOpenOptions}>
            <ExternalLink aria-hidden="true" className="size-4" />
            {t('openOptions')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
