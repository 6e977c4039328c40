import { useState } from 'react';
import { LocaleProvider, useT } from '../../shell/locale';
import { IntelForm } from '../index';
import { intelCaptureMessages } from './messages';
import type { IntelCapture } from '../../../lib/host/intel-capture';
import { ErrorBoundary } from '../../shell/ErrorBoundary';

const panel: React.CSSProperties = {
  width: 380,
  maxHeight: '85vh',
  overflow: 'auto',
  margin: 12,
  padding: 14,
  background: '#ffffff',
  color: '#1f2933',
  border: '1px solid #d9e2ec',
  borderRadius: 10,
  boxShadow: '0 12px 32px rgba(0,0,0,0.18)',
  fontFamily: "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif",
  fontSize: 14,
  lineHeight: 1.4,
};

/** The intel quick form as a floating panel inside the page's shadow root. */
export function IntelCaptureOverlay({ capture, onClose }: { capture: IntelCapture; onClose: () => void }) {
  return (
    <LocaleProvider locale={capture.locale}>
      <Overlay capture={capture} onClose={onClose} />
    </LocaleProvider>
  );
}

function Overlay({ capture, onClose }: { capture: IntelCapture; onClose: () => void }) {
  const t = useT(intelCaptureMessages);
  const [saved, setSaved] = useState(false);
  return (
    <div role="dialog" aria-label={t('title')} style={panel} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <strong>{t('title')}</strong>
        <button type="button" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </div>
      {saved ? (
        <p role="status">{t('saved')}</p>
      ) : (
        <ErrorBoundary section={t('title')}>
        <IntelForm
          initial={capture.initial}
          competitors={capture.competitors}
          dealers={capture.dealers}
          today={capture.today}
          onSave={async (draft) => {
            await capture.send('intel.save', draft);
            setSaved(true);
            setTimeout(onClose, 1500);
          }}
          onCancel={onClose}
        />
        </ErrorBoundary>
      )}
    </div>
  );
}
