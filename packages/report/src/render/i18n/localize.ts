// A verdict as the reader of one language sees it: the check's title, expected, actual, hint and cause in that language.
import type { VerdictView } from '../../model/sections.ts'
import { TITLES_RU, verdictTextRu } from './checks-ru.ts'
import type { Lang } from './strings.ts'

const CAUSES: Record<Lang, Record<string, string>> = {
  ru: {
    'no-cluster': 'нет кластера',
    simulated: 'симуляция',
    'missing-evidence': 'нет данных',
    environment: 'окружение',
  },
  en: {
    'no-cluster': 'no cluster',
    simulated: 'simulated',
    'missing-evidence': 'missing evidence',
    environment: 'environment',
  },
}

/** The text in the report's language, or the check's English when a phrase has no translation yet. */
const ru = (text: string): string => verdictTextRu(text) ?? text

export function localizeVerdict(v: VerdictView, lang: Lang): VerdictView {
  const cause = v.cause === undefined ? undefined : (CAUSES[lang][v.cause] ?? v.cause)
  if (lang === 'en') return { ...v, cause }
  return {
    ...v,
    title: TITLES_RU[v.check] ?? ru(v.title),
    expected: ru(v.expected),
    actual: ru(v.actual),
    hint: ru(v.hint),
    cause,
  }
}
