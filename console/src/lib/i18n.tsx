// Chinese (default) and English. Every string a screen shows comes from these two tables; the
// English table is the key list, so a string missing in Chinese fails the type check.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Locale = 'zh' | 'en';

const en = {
  'app.title': 'CRM console',
  'app.skip': 'Skip to content',
  'nav.home': 'Home',
  'nav.customers': 'Customers',
  'nav.pipeline': 'Pipeline',
  'nav.tickets': 'Tickets',
  'nav.main': 'Main',
  'lang.other': '中文',
  'session.logout': 'Sign out',
  'login.title': 'Sign in',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.expired': 'Your session has ended. Please sign in again.',
  'common.loading': 'Loading…',
  'common.none': 'Nothing here.',
  'common.unavailable': 'Not available right now (see above).',
  'common.save': 'Save',
  'common.next': 'Next page',
  'common.previous': 'Previous page',
  'common.open': 'Open',
  'common.customer': 'Customer',
  'common.owner': 'Owner',
  'common.status': 'Status',
  'common.due': 'Due',
  'common.amount': 'Amount',
  'common.stage': 'Stage',
  'common.name': 'Name',
  'common.error': 'Something went wrong: {message}',
  'common.saved': 'Saved.',
  'partial.title': 'Part of this page could not be loaded',
  'partial.hint': 'The rest is current; reload to try again.',
  'home.hello': 'Hello, {name}',
  'home.overdue': 'Overdue tasks',
  'home.dueToday': 'Tasks due today',
  'home.followUps': 'Follow-ups due',
  'home.leads': 'Leads to contact',
  'home.leadDue': 'contact by {due}',
  'home.queue': 'Unassigned tickets',
  'home.myTickets': 'My open tickets',
  'home.team': 'Team {team}',
  'home.forecast': 'Forecast this quarter',
  'home.noRole': 'Your role has no home screen yet; use the menu.',
  'customers.title': 'Customers',
  'customers.search': 'Search by name',
  'customers.tier': 'Tier',
  'customers.anyTier': 'Any tier',
  'customers.count': '{n} customers',
  'customers.new': 'New customer',
  'customers.pool': 'Public pool',
  'customers.phone': 'Phone',
  'customers.email': 'Email',
  'customers.lifecycle': 'Stage',
  'customers.industry': 'Industry',
  'customers.region': 'Region',
  'customers.kind': 'Kind',
  'customers.create': 'Create customer',
  'c360.profile': 'Profile',
  'c360.contacts': 'Contacts',
  'c360.opportunities': 'Opportunities',
  'c360.activities': 'Activity timeline',
  'c360.leads': 'Leads',
  'c360.campaign': 'Source campaign',
  'c360.tickets': 'Tickets',
  'c360.feedback': 'Feedback',
  'c360.ideas': 'Requested features',
  'c360.health': 'Health',
  'c360.score': 'Score',
  'c360.churnRisk': 'Churn risk',
  'c360.lastActivity': 'Last activity',
  'c360.openTickets': 'Open tickets',
  'c360.urgentTickets': 'Urgent open tickets',
  'c360.ticketsLast90Days': 'Tickets in 90 days',
  'c360.feedbackCount': 'Feedback given',
  'c360.nextFollowUp': 'Next follow-up',
  'c360.lastFollowUp': 'Last follow-up',
  'c360.notFound': 'This customer does not exist or is outside what you may see.',
  'c360.votes': '{n} votes',
  'followup.title': 'Log a follow-up',
  'followup.kind': 'Kind',
  'followup.subject': 'Subject',
  'followup.outcome': 'Outcome',
  'followup.next': 'Next follow-up',
  'followup.submit': 'Log follow-up',
  'followup.logged': 'Follow-up logged.',
  'opp.new': 'New opportunity',
  'opp.name': 'Opportunity name',
  'opp.amount': 'Amount',
  'opp.currency': 'Currency',
  'opp.closeDate': 'Expected close date',
  'opp.create': 'Create opportunity',
  'opp.created': 'Opportunity created.',
  'pipeline.title': 'Pipeline',
  'pipeline.moveTo': 'Move {name} to',
  'pipeline.move': 'Move',
  'pipeline.reason': 'Reason (required for lost)',
  'pipeline.moved': '{name} moved to {stage}.',
  'pipeline.drag': 'Drag a card to another stage, or use its move control.',
  'pipeline.forecast': 'Forecast by month',
  'pipeline.weighted': 'Weighted',
  'pipeline.won': 'Won',
  'pipeline.open': 'Open',
  'pipeline.forecastAmount': 'Forecast',
  'pipeline.month': 'Month',
  'pipeline.rep': 'Rep',
  'pipeline.currency': 'Currency',
  'pipeline.empty': 'No opportunities in this stage.',
  'tickets.title': 'Tickets',
  'tickets.queue': 'Unassigned queue',
  'tickets.mine': 'Assigned to me',
  'tickets.subject': 'Subject',
  'tickets.priority': 'Priority',
  'tickets.sla': 'SLA',
  'tickets.slaLeft': '{time} left',
  'tickets.slaBreached': 'breached {time} ago',
  'tickets.slaPaused': 'paused',
  'tickets.slaMet': 'met',
  'tickets.noSla': 'no SLA',
  'tickets.firstResponse': 'First response',
  'tickets.resolution': 'Resolution',
  'tickets.thread': 'Conversation',
  'tickets.assignee': 'Assignee',
  'tickets.unassigned': 'Unassigned',
  'tickets.take': 'Assign to me',
  'tickets.message': 'Message',
  'tickets.messageKind': 'Message kind',
  'tickets.send': 'Add to thread',
  'tickets.changeStatus': 'Change status',
  'tickets.internal': 'internal note',
  'tickets.csat': 'Satisfaction',
  'tickets.notFound': 'This ticket does not exist or is outside what you may see.',
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'app.title': 'CRM 控制台',
  'app.skip': '跳到正文',
  'nav.home': '首页',
  'nav.customers': '客户',
  'nav.pipeline': '销售管道',
  'nav.tickets': '工单',
  'nav.main': '主导航',
  'lang.other': 'English',
  'session.logout': '退出登录',
  'login.title': '登录',
  'login.email': '邮箱',
  'login.password': '密码',
  'login.submit': '登录',
  'login.expired': '登录已失效，请重新登录。',
  'common.loading': '加载中…',
  'common.none': '暂无内容。',
  'common.unavailable': '暂时无法加载（见上方提示）。',
  'common.save': '保存',
  'common.next': '下一页',
  'common.previous': '上一页',
  'common.open': '打开',
  'common.customer': '客户',
  'common.owner': '负责人',
  'common.status': '状态',
  'common.due': '截止',
  'common.amount': '金额',
  'common.stage': '阶段',
  'common.name': '名称',
  'common.error': '出错了：{message}',
  'common.saved': '已保存。',
  'partial.title': '本页部分内容无法加载',
  'partial.hint': '其余内容是最新的；刷新可重试。',
  'home.hello': '你好，{name}',
  'home.overdue': '已逾期任务',
  'home.dueToday': '今日到期任务',
  'home.followUps': '待跟进客户',
  'home.leads': '待联系线索',
  'home.leadDue': '请在 {due} 前联系',
  'home.queue': '待分配工单',
  'home.myTickets': '我的未结工单',
  'home.team': '团队：{team}',
  'home.forecast': '本季度预测',
  'home.noRole': '你的角色暂无首页，请使用菜单。',
  'customers.title': '客户',
  'customers.search': '按名称搜索',
  'customers.tier': '等级',
  'customers.anyTier': '全部等级',
  'customers.count': '共 {n} 个客户',
  'customers.new': '新建客户',
  'customers.pool': '公海',
  'customers.phone': '电话',
  'customers.email': '邮箱',
  'customers.lifecycle': '生命周期',
  'customers.industry': '行业',
  'customers.region': '地区',
  'customers.kind': '类型',
  'customers.create': '创建客户',
  'c360.profile': '基本资料',
  'c360.contacts': '联系人',
  'c360.opportunities': '商机',
  'c360.activities': '跟进记录',
  'c360.leads': '线索',
  'c360.campaign': '来源活动',
  'c360.tickets': '工单',
  'c360.feedback': '反馈',
  'c360.ideas': '需求',
  'c360.health': '健康度',
  'c360.score': '得分',
  'c360.churnRisk': '流失风险',
  'c360.lastActivity': '最近动态',
  'c360.openTickets': '未结工单',
  'c360.urgentTickets': '紧急未结工单',
  'c360.ticketsLast90Days': '90 天内工单',
  'c360.feedbackCount': '反馈数',
  'c360.nextFollowUp': '下次跟进',
  'c360.lastFollowUp': '上次跟进',
  'c360.notFound': '该客户不存在或不在你的可见范围内。',
  'c360.votes': '{n} 票',
  'followup.title': '记录跟进',
  'followup.kind': '方式',
  'followup.subject': '主题',
  'followup.outcome': '结果',
  'followup.next': '下次跟进时间',
  'followup.submit': '保存跟进',
  'followup.logged': '跟进已记录。',
  'opp.new': '新建商机',
  'opp.name': '商机名称',
  'opp.amount': '金额',
  'opp.currency': '币种',
  'opp.closeDate': '预计成交日期',
  'opp.create': '创建商机',
  'opp.created': '商机已创建。',
  'pipeline.title': '销售管道',
  'pipeline.moveTo': '将 {name} 移至',
  'pipeline.move': '移动',
  'pipeline.reason': '原因（输单必填）',
  'pipeline.moved': '{name} 已移至 {stage}。',
  'pipeline.drag': '拖动卡片到其他阶段，或使用卡片上的移动控件。',
  'pipeline.forecast': '按月预测',
  'pipeline.weighted': '加权金额',
  'pipeline.won': '赢单',
  'pipeline.open': '进行中',
  'pipeline.forecastAmount': '预测',
  'pipeline.month': '月份',
  'pipeline.rep': '销售',
  'pipeline.currency': '币种',
  'pipeline.empty': '此阶段暂无商机。',
  'tickets.title': '工单',
  'tickets.queue': '待分配队列',
  'tickets.mine': '分配给我的',
  'tickets.subject': '主题',
  'tickets.priority': '优先级',
  'tickets.sla': 'SLA',
  'tickets.slaLeft': '剩余 {time}',
  'tickets.slaBreached': '已超时 {time}',
  'tickets.slaPaused': '已暂停',
  'tickets.slaMet': '已达成',
  'tickets.noSla': '无 SLA',
  'tickets.firstResponse': '首次响应',
  'tickets.resolution': '解决',
  'tickets.thread': '对话',
  'tickets.assignee': '处理人',
  'tickets.unassigned': '未分配',
  'tickets.take': '分配给我',
  'tickets.message': '消息',
  'tickets.messageKind': '消息类型',
  'tickets.send': '添加到对话',
  'tickets.changeStatus': '更改状态',
  'tickets.internal': '内部备注',
  'tickets.csat': '满意度',
  'tickets.notFound': '该工单不存在或不在你的可见范围内。',
};

/** Names of the graph's enum values (tiers, statuses, kinds...), per language. */
const ENUMS: Record<Locale, Record<string, string>> = {
  en: {},
  zh: {
    KEY: '重点',
    COMPANY: '企业',
    PERSON: '个人',
    PROSPECT: '潜在客户',
    CUSTOMER: '成交客户',
    CHURNED: '已流失',
    OPEN: '处理中',
    PENDING: '待客户回复',
    RESOLVED: '已解决',
    CLOSED: '已关闭',
    WON: '赢单',
    LOST: '输单',
    LOW: '低',
    NORMAL: '普通',
    MEDIUM: '中',
    HIGH: '高',
    URGENT: '紧急',
    CALL: '电话',
    VISIT: '拜访',
    MEETING: '会议',
    EMAIL: '邮件',
    WECHAT: '微信',
    NOTE: '备注',
    REPLY: '回复',
    WEB: '网页',
    PHONE: '电话',
    ASSIGNED: '已分配',
    CONTACTED: '已联系',
    CONVERTED: '已转化',
    DISQUALIFIED: '已放弃',
    UNASSIGNED: '未分配',
    NEW: '新建',
    QUALIFIED: '已合格',
    SALES_REP: '销售代表',
    SALES_MANAGER: '销售经理',
    SERVICE_AGENT: '客服',
    SERVICE_MANAGER: '客服经理',
    EXECUTIVE: '高管',
    ADMIN: '管理员',
    DONE: '已完成',
  },
};

/** SALES_REP -> "Sales rep"; one-letter values (tiers) stay as they are. */
function humanize(value: string): string {
  return value.length > 1 ? value[0] + value.slice(1).toLowerCase().replace(/_/g, ' ') : value;
}

const TABLES: Record<Locale, Record<MessageKey, string>> = { en, zh };
const STORAGE_KEY = 'crm.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  t: Translate;
  /** The name of a graph enum value in this language (the value itself when none is known). */
  e: (value: string | null | undefined) => string;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const table = TABLES[locale];
    return {
      locale,
      setLocale,
      t: (key, params) =>
        table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? '')),
      e: (v) => (v ? (ENUMS[locale][v] ?? humanize(v)) : '—'),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The switch to the other language, named in that language. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <button
      type="button"
      className="link"
      lang={locale === 'zh' ? 'en' : 'zh-CN'}
      onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
    >
      {t('lang.other')}
    </button>
  );
}
