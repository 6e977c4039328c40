import { defineMessages } from '../../lib/kernel/i18n';

/** What the backup import says about size, settings, rule sets and other people's records (lib/backup/import.ts). */
export const backupAuthorityMessages = defineMessages({
  en: {
    rejectedTooLarge: 'the file is {sizeMb} MB and Fieldkit reads backups up to {limitMb} MB. Choose a backup exported from Fieldkit, or ask your admin to split it.',
    rejectedRuleSet: 'version {version} of the rule set “{ruleSet}” in the file cannot be used (see the technical details). Fix it in the rule-set editor and export again, or remove it from the file.',
    rejectedSetting: 'the setting “{key}” in the file has a value Fieldkit cannot use. Export the backup again, or remove that setting from the file.',
    readCopies: '{count, plural, one {# record} other {# records}} written by HubSpot users other than you {count, plural, one {was} other {were}} restored on this computer only and will not be sent to HubSpot. Before connecting, Fieldkit cannot tell which are yours: connect to HubSpot, then import the file again to sync your own.',
  },
  'zh-CN': {
    rejectedTooLarge: '文件大小为 {sizeMb} MB，Fieldkit 只读取不超过 {limitMb} MB 的备份。请选择从 Fieldkit 导出的备份，或请管理员拆分文件。',
    rejectedRuleSet: '文件中规则集“{ruleSet}”的第 {version} 版无法使用（见技术细节）。请在规则集编辑器中修正后重新导出，或从文件中删除它。',
    rejectedSetting: '文件中的设置“{key}”的值无法使用。请重新导出备份，或从文件中删除这项设置。',
    readCopies: '有 {count} 条由其他 HubSpot 用户填写的记录只恢复到这台电脑，不会发送到 HubSpot。连接 HubSpot 之前，Fieldkit 无法分辨哪些是你的：请先连接 HubSpot，再重新导入这个文件以同步你自己的记录。',
  },
});
