// Chinese (default) and English: the language switch and the lookup of the strings every
// screen shows (the tables are in messages.ts).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, ENUMS, zh, type Locale, type MessageKey } from './messages';

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
