import { defineMessages } from '../../lib/kernel/i18n';

export const printPageMessages = defineMessages({
  en: {
    print: 'Print or save as PDF',
    hint: 'In the print dialog, choose “Save as PDF” as the printer to get a PDF file.',
    missingTitle: 'Report not found',
    missing: 'This report is not on this device any more: open it again from Reports and print from there.',
  },
  'zh-CN': {
    print: '打印或另存为 PDF',
    hint: '在打印对话框中将打印机选为“另存为 PDF”，即可得到 PDF 文件。',
    missingTitle: '未找到报告',
    missing: '本机上已没有这份报告：请在“报告”中重新打开后再打印。',
  },
});
