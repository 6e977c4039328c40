import { defineMessages } from '../../../lib/kernel/i18n';

export const intelCaptureMessages = defineMessages({
  en: {
    title: 'Competitor intel',
    close: 'Close',
    saved: 'Saved offline. It syncs to HubSpot when you are online.',
  },
  'zh-CN': {
    title: '竞品信息',
    close: '关闭',
    saved: '已离线保存，联网后会同步到 HubSpot。',
  },
});
