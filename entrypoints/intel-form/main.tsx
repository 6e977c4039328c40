import { createRoot } from 'react-dom/client';
import { IntelCaptureOverlay } from '../../components/intel/capture/IntelCaptureOverlay';
import '../../components/shell/theme.css';
import { loadIntelCapture } from '../../lib/host/intel-form-frame';

// Framed by the intel capture's content script in the page the rep pointed at (lib/host/intel-capture.ts).
void loadIntelCapture().then((capture) => {
  document.documentElement.lang = capture.locale;
  createRoot(document.getElementById('root')!).render(<IntelCaptureOverlay capture={capture} />);
});
