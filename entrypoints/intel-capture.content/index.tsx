import { createRoot, type Root } from 'react-dom/client';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { setUpIntelCapture } from '../../lib/host/intel-capture';
import { IntelCaptureOverlay } from '../../components/intel/capture/IntelCaptureOverlay';
// The design sheet as text, handed to the shadow root directly: fetching a separate CSS file would
// need it web-accessible to the page, and a runtime-registered script matches no page up front.
import designCss from '../../components/ui/design.css?inline';

/**
 * Injected on demand into the tab the user pointed at (context menu, keyboard command, popup):
 * never registered for every page. It cannot open Dexie or reach the network; it reads the page
 * (URL, title, selection) and talks to the background through the typed message protocol.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  cssInjectionMode: 'manual',
  async main(ctx) {
    const capture = await setUpIntelCapture();
    if (!capture) return; // already open in this tab
    let root: Root | undefined;
    const ui = await createShadowRootUi(ctx, {
      name: 'fieldkit-intel',
      css: designCss,
      position: 'overlay',
      alignment: 'top-right',
      zIndex: 2147483647,
      isolateEvents: true,
      onMount(container) {
        root = createRoot(container);
        // The container is the shadow root's body: the date picker's calendar portals there, styled.
        root.render(<IntelCaptureOverlay capture={capture} container={container} onClose={() => ui.remove()} />);
        return root;
      },
      onRemove() {
        root?.unmount();
        capture.release();
      },
    });
    ui.mount();
  },
});
