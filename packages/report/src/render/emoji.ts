// minikube's emoji without an emoji font: the plain prefixes minikube itself prints with MINIKUBE_IN_STYLE=false.

/** An emoji with its optional variation selector / skin tone / ZWJ sequence. */
export const EMOJI =
  /(?:\p{Extended_Pictographic}|\p{Emoji_Presentation})(?:\uFE0F|\uFE0E|\p{Emoji_Modifier}|\u200D(?:\p{Extended_Pictographic}|\p{Emoji_Presentation})\uFE0F?)*/gu

/** minikube's low-style prefixes: `!` for warnings, `X` for failures, `-` for option bullets, `*` for the rest. */
const PLAIN: Record<string, string> = {
  '❗': '!',
  '⚠': '!',
  '❌': 'X',
  '💣': 'X',
  '🆘': 'X',
  '😿': 'X',
  '▪': '-',
}

/** The emoji a text holds, each once, in order. */
export const emojiIn = (text: string): string[] => [...new Set(text.match(EMOJI) ?? [])]

/** Each emoji replaced by minikube's plain prefix. */
export function plainEmoji(text: string): string {
  return text.replace(EMOJI, (e) => PLAIN[e.replace(/[\uFE0E\uFE0F]/g, '')] ?? '*')
}

/** Terminal columns a character takes: 2 for emoji and wide East Asian forms, 0 for combining marks. */
export function displayWidth(text: string): number {
  let w = 0
  for (const ch of text.replace(EMOJI, '\u3000')) {
    if (/\p{Mn}|\p{Me}|\u200B|\uFE0F|\uFE0E/u.test(ch)) continue
    w +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u3000]/u.test(
        ch,
      )
        ? 2
        : 1
  }
  return w
}
