import { defineMessages } from '../kernel/i18n';

/** Strings the background shows in browser UI (context menu, badge title). */
export const backgroundMessages = defineMessages({
  en: {
    captureIntelMenu: 'Capture competitor intel with Fieldkit',
    captureIntelSelection: 'Capture “%s” as competitor intel',
  },
  'zh-CN': {
    captureIntelMenu: '用 Fieldkit 记录竞品信息',
    captureIntelSelection: '把“%s”记为竞品信息',
  },
});
