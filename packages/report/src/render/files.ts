// The report's file names per language: Russian is the course's lab4_report.md, English sits beside it as *.en.*.
import type { Lang } from './i18n/strings.ts'

const suffixed = (file: string, lang: Lang) =>
  lang === 'ru' ? file : file.replace(/(\.[a-z]+)$/, `.${lang}$1`)

export const reportMd = (lang: Lang): string => suffixed('lab4_report.md', lang)
export const reportPdf = (lang: Lang): string => suffixed('lab4_report.pdf', lang)

/** `images/x.png` (ru) or `images/x.en.png`: each language draws its own words into its images. */
export const imagePath = (file: string, lang: Lang): string =>
  `images/${suffixed(file.replace(/^images\//, ''), lang)}`

/** Whether an image file belongs to a language (so writing one language never deletes the other's). */
export const isImageOf = (file: string, lang: Lang): boolean =>
  lang === 'ru'
    ? !/\.[a-z]{2}\.[a-z]+$/.test(file)
    : file.endsWith(`.${lang}${file.slice(file.lastIndexOf('.'))}`)
