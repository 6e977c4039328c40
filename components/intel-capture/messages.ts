import { defineMessages } from '../../lib/i18n';

export const intelCaptureMessages = defineMessages({
  en: {
    title: 'Competitor intel',
    close: 'Close',
    saved: 'Saved offline. It syncs to HubSpot when you are online.',
    truncated: 'The selected text was longer than 5,000 characters; only the start is kept.',
  },
  'zh-CN': {
    title: '竞品信息',
    close: '关闭',
    saved: '已离线保存，联网后会同步到 HubSpot。',
    truncated: '选中的文字超过 5000 字，只保留了开头部分。',
  },
});
