import { defineContentScript } from 'wxt/utils/define-content-script';
import { setUpIntelCapture } from '../../lib/host/intel-capture';

/**
 * Injected on demand into the tab the user pointed at (context menu, keyboard command, popup):
 * never registered for every page. It reads the page and frames the form (lib/host/intel-capture.ts);
 * it cannot open Dexie or reach the network.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main() {
    void setUpIntelCapture();
  },
});
